package io.switchboard.core.internal.egress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class EgressPolicyImplTest {

    private final EgressPolicyImpl strict = EgressPolicyImpl.admitting();
    private final EgressPolicyImpl loopbackAdmitted = EgressPolicyImpl.admitting("127.0.0.0/8");

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.8.9.10", "::1", "0.0.0.0", "::", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1",
            "169.254.169.254", "fe80::1", "fc00::1", "fd12:3456::1", "224.0.0.1", "ff02::1", "100.64.0.1", "255.255.255.255",
            "::ffff:127.0.0.1", "::ffff:169.254.169.254", "::127.0.0.1", "64:ff9b::7f00:1", "2002:7f00:1::1", "198.18.0.1"})
    void internalAddressesAreRefused(String address) throws UnknownHostException {
        assertThat(strict.refusal(InetAddress.getByName(address))).hasValueSatisfying(why -> assertThat(why).contains("may not reach"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.216.34", "8.8.8.8", "1.1.1.1", "2606:4700:4700::1111", "172.32.0.1", "192.169.0.1"})
    void publicAddressesAreAdmitted(String address) throws UnknownHostException {
        assertThat(strict.refusal(InetAddress.getByName(address))).isEmpty();
    }

    @Test
    void anOperatorAdmitsNetworksByCidrBlockAndOnlyThose() throws UnknownHostException {
        assertThat(loopbackAdmitted.refusal(InetAddress.getByName("127.0.0.1"))).isEmpty();
        assertThat(loopbackAdmitted.refusal(InetAddress.getByName("127.255.0.9"))).isEmpty();
        assertThat(loopbackAdmitted.refusal(InetAddress.getByName("::1"))).isPresent();
        assertThat(loopbackAdmitted.refusal(InetAddress.getByName("10.0.0.1"))).isPresent();
        assertThat(EgressPolicyImpl.admitting("10.20.0.0/16").refusal(InetAddress.getByName("10.20.3.4"))).isEmpty();
        assertThat(EgressPolicyImpl.admitting("10.20.0.0/16").refusal(InetAddress.getByName("10.21.3.4"))).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "localhost", "LOCALHOST.", "api.localhost", "*.localhost", "169.254.169.254", "2130706433",
            "127.1", "0x7f.1", "0177.0.0.1", "10.0.0.1", "8.8.8.8", "017700000001"})
    void ipLiteralsAndLocalhostAreRefusedInAllowLists(String entry) {
        assertThat(strict.refusalOfAllowedDomain(entry)).isPresent();
    }

    @Test
    void loopbackEntriesAreAcceptedWhenTheOperatorAdmitsLoopback() {
        assertThat(loopbackAdmitted.refusalOfAllowedDomain("127.0.0.1")).isEmpty();
        assertThat(loopbackAdmitted.refusalOfAllowedDomain("localhost")).isEmpty();
        assertThat(loopbackAdmitted.refusalOfAllowedDomain("2130706433")).as("other notations stay refused").isPresent();
        assertThat(loopbackAdmitted.refusalOfAllowedDomain("169.254.169.254")).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"api.example.com", "*.example.com", "example.com.", "a1.b2.example.org", "xn--bcher-kva.example"})
    void hostNamesAreAcceptedWithoutBeingResolved(String entry) {
        assertThat(strict.refusalOfAllowedDomain(entry)).isEmpty();
    }

    @Test
    void aCfgFileMayListSeveralBlocksInOneValue() throws UnknownHostException {
        EgressPolicyImpl policy = EgressPolicyImpl.admitting("127.0.0.0/8, 10.1.0.0/16 ::1");

        assertThat(policy.refusal(InetAddress.getByName("10.1.2.3"))).isEmpty();
        assertThat(policy.refusal(InetAddress.getByName("::1"))).isEmpty();
        assertThat(policy.refusal(InetAddress.getByName("10.2.0.1"))).isPresent();
    }

    @Test
    void aBlockThatIsNotCidrIsRefusedWithTheReason() {
        assertThatThrownBy(() -> EgressPolicyImpl.admitting("localhost/8")).hasMessageContaining("'localhost/8' is not a CIDR block");
        assertThatThrownBy(() -> EgressPolicyImpl.admitting("10.0.0.0/33")).hasMessageContaining("prefix length outside 0-32");
    }
}
