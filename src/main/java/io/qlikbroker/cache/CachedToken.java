package io.qlikbroker.cache;

import io.qlikbroker.domain.QlikToken;

/** A token and whether this request caused it to be minted (false: it was reused, or shared with a concurrent mint). */
public record CachedToken(QlikToken token, boolean minted) {
}
