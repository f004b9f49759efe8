package org.nexusflowmeter.pcap.decode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AddressTextTest {
  private static byte[] bytes(String literal) throws UnknownHostException {
    byte[] address = InetAddress.getByName(literal).getAddress();
    if (address.length == 4 && literal.contains(":")) {
      // Java folds ::ffff:a.b.c.d into an Inet4Address; rebuild the 16 bytes
      byte[] mapped = new byte[16];
      mapped[10] = (byte) 0xff;
      mapped[11] = (byte) 0xff;
      System.arraycopy(address, 0, mapped, 12, 4);
      return mapped;
    }
    return address;
  }

  private static String text(String literal) throws UnknownHostException {
    byte[] address = bytes(literal);
    byte[] buf = new byte[address.length + 3];
    System.arraycopy(address, 0, buf, 3, address.length);
    return AddressText.ip(buf, 3, address.length);
  }

  /** Examples of RFC 5952 sections 4 and 5, from non-canonical input. */
  @Test
  void rfc5952CanonicalForms() throws UnknownHostException {
    assertEquals("2001:db8::1", text("2001:0db8:0000:0000:0000:0000:0000:0001"));
    assertEquals("2001:db8::2:1", text("2001:db8:0:0:0:0:2:1"));
    assertEquals("2001:db8:0:1:1:1:1:1", text("2001:db8:0000:1:1:1:1:1"));
    assertEquals("2001:0:0:1::1", text("2001:0:0:1:0:0:0:1"));
    assertEquals("2001:db8::1:0:0:1", text("2001:db8:0:0:1:0:0:1"));
    assertEquals("2001:db8::aaaa:0:0:1", text("2001:db8:0:0:aaaa::1"));
    assertEquals("2001:db8:aaaa:bbbb:cccc:dddd:eeee:aaaa", text("2001:DB8:AAAA:BBBB:CCCC:DDDD:EEEE:AAAA"));
    assertEquals("2001:db8:0:0:cd30::", text("2001:db8:0:0:cd30:0:0:0"));
    assertEquals("::", text("0:0:0:0:0:0:0:0"));
    assertEquals("::1", text("0:0:0:0:0:0:0:1"));
    assertEquals("1::", text("1:0:0:0:0:0:0:0"));
    assertEquals("fe80::a00:27ff:fe4e:66a1", text("fe80:0:0:0:0a00:27ff:fe4e:66a1"));
    assertEquals("ff02::1:ff00:1", text("ff02::0001:ff00:0001"));
    assertEquals("::ffff:192.0.2.1", text("::ffff:c000:0201"));
    assertEquals("::ffff:0.0.0.0", text("::ffff:0:0"));
    assertEquals("::ffff:1:203:405", text("0:0:0:0:ffff:1:203:405"));
    assertEquals("::102:304", text("::1.2.3.4"));
    assertEquals("64:ff9b::c000:201", text("64:ff9b::192.0.2.1"));
  }

  @Test
  void ipv4DottedQuad() throws UnknownHostException {
    assertEquals("0.0.0.0", text("0.0.0.0"));
    assertEquals("255.255.255.255", text("255.255.255.255"));
    assertEquals("10.0.100.9", text("10.0.100.9"));
    SplittableRandom random = new SplittableRandom(1);
    byte[] address = new byte[4];
    for (int i = 0; i < 10_000; i++) {
      random.nextBytes(address);
      assertEquals(InetAddress.getByAddress(address).getHostAddress(), AddressText.ip(address, 0, 4));
    }
  }

  /** Random addresses rich in zero groups: java.net reads the text back to the same bytes, and it is canonical. */
  @Test
  void ipv6RoundTripsThroughInetAddress() throws UnknownHostException {
    SplittableRandom random = new SplittableRandom(2);
    byte[] address = new byte[16];
    for (int i = 0; i < 20_000; i++) {
      for (int g = 0; g < 8; g++) {
        int kind = random.nextInt(4);
        int value = kind == 0 ? random.nextInt(0x10000) : kind == 1 ? random.nextInt(16) : 0;
        address[2 * g] = (byte) (value >>> 8);
        address[2 * g + 1] = (byte) value;
      }
      String text = AddressText.ip(address, 0, 16);
      InetAddress parsed = InetAddress.getByName(text);
      if (parsed instanceof Inet4Address) {
        assertTrue(text.startsWith("::ffff:"), text);
        assertArrayEquals(Arrays.copyOfRange(address, 12, 16), parsed.getAddress(), text);
      } else {
        assertArrayEquals(address, parsed.getAddress(), text);
        assertCanonical(text);
      }
    }
  }

  /** RFC 5952: lower case, no leading zeros, "::" for the first longest run of 2+ zero groups only. */
  private static void assertCanonical(String text) {
    assertEquals(text.toLowerCase(), text);
    assertFalse(text.contains(":::"), text);
    int compressed = text.indexOf("::");
    assertEquals(compressed, text.lastIndexOf("::"), text);
    String[] groups = text.split(":", -1);
    int longestZeroRunShown = 0;
    int run = 0;
    for (String group : groups) {
      if (group.length() > 1) {
        assertTrue(group.charAt(0) != '0', text);
      }
      run = group.equals("0") ? run + 1 : 0;
      longestZeroRunShown = Math.max(longestZeroRunShown, run);
    }
    if (compressed >= 0) {
      int shownGroups = (int) Arrays.stream(groups).filter(g -> !g.isEmpty()).count();
      int hidden = 8 - shownGroups;
      assertTrue(hidden >= 2, text);
      assertTrue(hidden >= longestZeroRunShown, text + " compresses a shorter run than one it shows");
      String before = text.substring(0, compressed);
      int runBefore = 0;
      int longestBefore = 0;
      for (String group : before.split(":", -1)) {
        runBefore = group.equals("0") ? runBefore + 1 : 0;
        longestBefore = Math.max(longestBefore, runBefore);
      }
      assertTrue(longestBefore < hidden, text + " compresses a later run of equal length");
    } else {
      assertTrue(longestZeroRunShown < 2, text + " leaves a run of zero groups uncompressed");
    }
  }

  @Test
  void macAddress() {
    byte[] buf = {9, 0x00, (byte) 0x1a, (byte) 0x2b, (byte) 0xfc, (byte) 0x0d, (byte) 0xff, 9};
    assertEquals("00:1a:2b:fc:0d:ff", AddressText.mac(buf, 1));
  }

  @Test
  void otherLengthsAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> AddressText.ip(new byte[8], 0, 6));
  }
}
