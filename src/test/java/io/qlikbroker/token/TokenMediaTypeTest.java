package io.qlikbroker.token;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;

import jakarta.ws.rs.core.MediaType;

import org.junit.jupiter.api.Test;

/** The token route's answer type: the bare token unless JSON is asked for first, nothing for neither. */
class TokenMediaTypeTest {

    @Test
    void whatFetchAndCurlSendGetsTheBareToken() {
        assertEquals(Optional.of(MediaType.TEXT_PLAIN_TYPE), TokenEndpoint.mediaType(List.of(MediaType.WILDCARD_TYPE)));
        assertEquals(Optional.of(MediaType.TEXT_PLAIN_TYPE), TokenEndpoint.mediaType(List.of()));
        assertEquals(Optional.of(MediaType.TEXT_PLAIN_TYPE),
                TokenEndpoint.mediaType(List.of(MediaType.TEXT_PLAIN_TYPE, MediaType.APPLICATION_JSON_TYPE)));
    }

    @Test
    void jsonRankedFirstGetsJson() {
        assertEquals(Optional.of(MediaType.APPLICATION_JSON_TYPE),
                TokenEndpoint.mediaType(List.of(MediaType.APPLICATION_JSON_TYPE, MediaType.WILDCARD_TYPE)));
        assertEquals(Optional.of(MediaType.APPLICATION_JSON_TYPE),
                TokenEndpoint.mediaType(List.of(new MediaType("application", "*"))));
    }

    @Test
    void neitherTextNorJsonGetsNothing() {
        assertEquals(Optional.empty(), TokenEndpoint.mediaType(List.of(MediaType.TEXT_HTML_TYPE)));
        assertEquals(Optional.empty(), TokenEndpoint.mediaType(List.of(new MediaType("image", "png"))));
    }
}
