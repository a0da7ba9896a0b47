package io.qlikbroker.credentials;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.ECFieldFp;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.KeyAgreement;

import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.keys.EllipticCurves;
import org.jose4j.lang.HashUtil;
import org.jose4j.lang.JoseException;

/**
 * A private key that signs client assertions, with its public JWK (what Qlik registers) and its algorithm, which
 * follows the key: RS256 for RSA of at least 2048 bits, ES384 for EC P-384, the two Qlik accepts.
 */
record SigningKey(PrivateKey privateKey, PublicJsonWebKey publicJwk, String algorithm) {

    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");

    String keyId() {
        return publicJwk.getKeyId();
    }

    /**
     * Every PKCS#8 key in {@code pem}, in file order; the first signs. {@code keyId} names the first key (the kid
     * registered at Qlik); keys without one are named by their RFC 7638 thumbprint.
     */
    static List<SigningKey> parseAll(byte[] pem, String property, String keyId) {
        Matcher blocks = PEM.matcher(new String(pem, java.nio.charset.StandardCharsets.US_ASCII));
        List<SigningKey> keys = new ArrayList<>();
        while (blocks.find()) {
            byte[] der = Base64.getMimeDecoder().decode(blocks.group(1).replaceAll("\\s", ""));
            keys.add(parse(der, property, keys.isEmpty() ? keyId : null));
        }
        if (keys.isEmpty()) {
            throw new CredentialException(property + " holds no PEM private key (-----BEGIN PRIVATE KEY-----, PKCS#8)");
        }
        return List.copyOf(keys);
    }

    private static SigningKey parse(byte[] der, String property, String keyId) {
        try {
            PrivateKey privateKey = privateKey(der, property);
            PublicKey publicKey;
            String algorithm;
            if (privateKey instanceof RSAPrivateCrtKey rsa) {
                if (rsa.getModulus().bitLength() < 2048) {
                    throw new CredentialException(property + " holds an RSA key under 2048 bits, which Qlik refuses");
                }
                publicKey = KeyFactory.getInstance("RSA")
                        .generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
                algorithm = AlgorithmIdentifiers.RSA_USING_SHA256;
            } else if (privateKey instanceof ECPrivateKey ec) {
                if (!EllipticCurves.P384.equals(ec.getParams())
                        && !"P-384".equals(EllipticCurves.getName(ec.getParams().getCurve()))) {
                    throw new CredentialException(property + " holds an EC key that is not P-384, which Qlik refuses");
                }
                publicKey = KeyFactory.getInstance("EC")
                        .generatePublic(new ECPublicKeySpec(publicPoint(ec, property), ec.getParams()));
                algorithm = AlgorithmIdentifiers.ECDSA_USING_P384_CURVE_AND_SHA384;
            } else {
                throw new CredentialException(property + " must hold an RSA or EC P-384 key");
            }
            PublicJsonWebKey jwk = PublicJsonWebKey.Factory.newPublicJwk(publicKey);
            jwk.setAlgorithm(algorithm);
            jwk.setUse("sig");
            jwk.setKeyId(keyId != null && !keyId.isBlank() ? keyId : jwk.calculateBase64urlEncodedThumbprint(HashUtil.SHA_256));
            return new SigningKey(privateKey, jwk, algorithm);
        } catch (GeneralSecurityException | JoseException e) {
            throw new CredentialException(property + " holds a key that cannot be used (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static PrivateKey privateKey(byte[] der, String property) throws GeneralSecurityException {
        for (String type : new String[] { "RSA", "EC" }) {
            try {
                return KeyFactory.getInstance(type).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (java.security.spec.InvalidKeySpecException notThisType) {
                // try the next
            }
        }
        throw new CredentialException(property + " holds a key that is neither RSA nor EC (PKCS#8 expected)");
    }

    /**
     * The public point d·G of an EC key, which the JDK does not expose: ECDH of the private key with the curve's
     * generator yields its x; y is a square root of the curve equation, and a signature tells which of the two.
     */
    private static ECPoint publicPoint(ECPrivateKey key, String property) throws GeneralSecurityException {
        ECParameterSpec params = key.getParams();
        KeyAgreement ecdh = KeyAgreement.getInstance("ECDH");
        ecdh.init(key);
        ecdh.doPhase(KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(params.getGenerator(), params)), true);
        BigInteger x = new BigInteger(1, ecdh.generateSecret());
        BigInteger p = ((ECFieldFp) params.getCurve().getField()).getP();
        BigInteger rhs = x.pow(3).add(params.getCurve().getA().multiply(x)).add(params.getCurve().getB()).mod(p);
        // P-384's prime is 3 mod 4: a square root is rhs^((p + 1) / 4).
        BigInteger y = rhs.modPow(p.add(BigInteger.ONE).shiftRight(2), p);
        byte[] probe = "qlik-token-broker".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        Signature signer = Signature.getInstance("SHA384withECDSA");
        signer.initSign(key);
        signer.update(probe);
        byte[] signature = signer.sign();
        for (BigInteger candidate : new BigInteger[] { y, p.subtract(y) }) {
            ECPoint point = new ECPoint(x, candidate);
            Signature verifier = Signature.getInstance("SHA384withECDSA");
            verifier.initVerify(KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(point, params)));
            verifier.update(probe);
            if (verifier.verify(signature)) {
                return point;
            }
        }
        throw new CredentialException(property + " holds an EC key whose public key cannot be derived");
    }

    /** The JWK to register at Qlik or to serve: public parameters only. */
    java.util.Map<String, Object> publicParameters() {
        return publicJwk.toParams(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
    }

    @Override
    public String toString() {
        return "SigningKey[kid=" + keyId() + ", alg=" + algorithm + "]";
    }
}
