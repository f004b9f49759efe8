package org.nexusflowmeter.jobs.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nexusflowmeter.jobs.files.FileNameLength.MAX_BYTES;
import static org.nexusflowmeter.jobs.files.FileNameLength.bytes;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Hidden names beside a target: today's names where they fit, whole characters and a hash where they do not. */
class HiddenSiblingTest {
  private static final Path DIR = Path.of("/data/out");

  @Test
  void aNameThatFitsIsTheDotTheNameAndTheSuffix() {
    assertEquals(DIR.resolve(".flows.csv.partial"), HiddenSibling.of(DIR.resolve("flows.csv"), ".partial"));
    assertEquals(DIR.resolve(".flows.csv.parts"), HiddenSibling.of(DIR.resolve("flows.csv"), ".parts"));
    // 1 + 246 + 8 bytes: the longest that is kept
    String longest = "a".repeat(242) + ".csv";
    assertEquals(DIR.resolve("." + longest + ".partial"), HiddenSibling.of(DIR.resolve(longest), ".partial"));
    // 1 + 2 * 123 + 8: 'é' is two bytes, so 123 of them are 246 bytes, though only 123 chars
    String accented = "é".repeat(123);
    assertEquals(DIR.resolve("." + accented + ".partial"), HiddenSibling.of(DIR.resolve(accented), ".partial"));
  }

  @Test
  void aNameOneByteTooLongIsCutAndHashedToTheLimit() {
    String name = "a".repeat(243) + ".csv";
    String hidden = hiddenName(name, ".partial");
    assertEquals(MAX_BYTES, bytes(hidden));
    assertTrue(hidden.matches("\\.a+~[0-9a-f]{16}\\.partial"), hidden);
  }

  @Test
  void aCutNeverSplitsACharacter() {
    // characters of 2, 3 and 4 bytes (the last a surrogate pair in Java), shifted by 0 to 3 bytes, so that the
    // limit falls at every position inside each of them
    for (String character : new String[] {"é", "€", "😀"}) {
      for (int shift = 0; shift < 4; shift++) {
        String name = "a".repeat(shift) + character.repeat((MAX_BYTES - shift) / bytes(character));
        String hidden = hiddenName(name, ".parts");
        String kept = hidden.substring(1, hidden.indexOf('~'));
        assertTrue(name.startsWith(kept), hidden);
        assertTrue(bytes(hidden) <= MAX_BYTES, hidden);
        // the longest whole-character prefix that fits: one more character would not
        assertTrue(bytes(hidden) + bytes(character) > MAX_BYTES, hidden);
        assertTrue(hidden.matches("\\..*~[0-9a-f]{16}\\.parts"), hidden);
      }
    }
  }

  @Test
  void twoLongNamesSharingTheKeptPartGetTwoHiddenNames() {
    String first = "b".repeat(250) + "1.csv";
    String second = "b".repeat(250) + "2.csv";
    String firstHidden = hiddenName(first, ".partial");
    String secondHidden = hiddenName(second, ".partial");
    assertEquals(firstHidden.substring(0, firstHidden.indexOf('~')),
        secondHidden.substring(0, secondHidden.indexOf('~')), "the same part of the names kept");
    assertNotEquals(firstHidden, secondHidden);
    assertEquals(firstHidden, hiddenName(first, ".partial"), "the same name each time");
  }

  @Test
  void aSuffixThatLeavesNoRoomIsRefused() {
    assertThrows(IllegalArgumentException.class,
        () -> HiddenSibling.of(DIR.resolve("a".repeat(200)), "." + "s".repeat(240)));
  }

  private static String hiddenName(String name, String suffix) {
    Path hidden = HiddenSibling.of(DIR.resolve(name), suffix);
    assertEquals(DIR, hidden.getParent());
    return hidden.getFileName().toString();
  }
}
