package io.qlikbroker.demo;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What a page needs to configure qlik-embed: public values only. {@code clientId} is the impersonation client's id,
 * which qlik-embed sends to the tenant anyway; the secret never leaves the broker.
 */
@RegisterForReflection
public record EmbedConfig(String host, String clientId, String appId, String objectId, String scriptUrl,
        String scriptIntegrity) {
}
