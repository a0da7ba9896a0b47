package io.qlikbroker.testing;

/** A second tenant, {@code qlik.tenants."eu"}, with its own client, on its own server; its tokens start with "eu:". */
public class SecondTenantFake extends QlikTenantFake {

    public static final String NAME = "eu";
    public static final String CLIENT_ID = "eu-impersonation-client";
    public static final String CLIENT_SECRET = "eu-secret-never-leaves-eu-0123456789";
    public static final String TOKEN_LABEL = "eu:";

    public SecondTenantFake() {
        super("qlik.tenants.\"" + NAME + "\".", CLIENT_ID, CLIENT_SECRET, TOKEN_LABEL, InjectSecondTenant.class);
    }
}
