package dev.tern.sint;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Collection;
import java.util.List;
import org.jivesoftware.smack.ConnectionConfiguration.DnssecMode;
import org.jivesoftware.smack.util.dns.DNSResolver;
import org.jivesoftware.smack.util.rce.RemoteConnectionEndpointLookupFailure;
import org.minidns.dnsname.DnsName;
import org.minidns.record.SRV;

/**
 * A Smack DNS resolver that fails every lookup. The tests connect to the server's loopback
 * address, so a lookup means that some code ignored that address. The lookup then fails with a
 * clear message instead of sending a query to the machine's name server.
 */
final class NoDnsResolver extends DNSResolver {

    NoDnsResolver() {
        super(false);
    }

    @Override
    protected Collection<SRV> lookupSrvRecords0(DnsName name, List<RemoteConnectionEndpointLookupFailure> lookupFailures,
            DnssecMode dnssecMode) {
        lookupFailures.add(lookupFailure(name));
        return null;
    }

    @Override
    protected List<InetAddress> lookupHostAddress0(DnsName name,
            List<RemoteConnectionEndpointLookupFailure> lookupFailures, DnssecMode dnssecMode) {
        lookupFailures.add(lookupFailure(name));
        return null;
    }

    private static RemoteConnectionEndpointLookupFailure lookupFailure(DnsName name) {
        return new RemoteConnectionEndpointLookupFailure.DnsLookupFailure(name, new UnknownHostException(
                "DNS lookup of '" + name + "' rejected: the Smack integration tests connect only to the loopback "
                        + "address of the Tern server they start"));
    }
}
