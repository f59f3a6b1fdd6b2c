package org.corral.protocol;

/**
 * {@link Op#HELLO}.
 *
 * @param protocol the client's {@link Protocol#VERSION}
 * @param client   who asks, for the journal ("corral-cli", "corral-app")
 */
public record HelloArgs(Integer protocol, String client) {
    public static HelloArgs from(Fields f) {
        return new HelloArgs(f.optionalNumber("protocol", 0, 1_000_000).map(Long::intValue).orElse(null),
                f.optionalText("client", "\"corral-cli\"").orElse(null));
    }
}
