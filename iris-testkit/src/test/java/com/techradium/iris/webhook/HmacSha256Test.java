package com.techradium.iris.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class HmacSha256Test {
  private static String hex(byte[] key, String first, String second) {
    return HexFormat.of()
        .formatHex(
            new HmacSha256(key)
                .mac(
                    first.getBytes(StandardCharsets.US_ASCII),
                    second.getBytes(StandardCharsets.US_ASCII)));
  }

  private static byte[] repeated(int value, int count) {
    byte[] bytes = new byte[count];
    Arrays.fill(bytes, (byte) value);
    return bytes;
  }

  @Test
  void rfc4231TestCasesGiveTheirMacsHoweverTheMessageIsSplit() {
    assertThat(hex(repeated(0x0b, 20), "Hi ", "There"))
        .isEqualTo("b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
    assertThat(hex("Jefe".getBytes(StandardCharsets.US_ASCII), "", "what do ya want for nothing?"))
        .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    // a key longer than the block is hashed first
    assertThat(
            hex(repeated(0xaa, 131), "Test Using Larger Than Block-Size Key - ", "Hash Key First"))
        .isEqualTo("60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
  }

  @Test
  void itAgreesWithTheJdksMacForKeysAndMessagesOfEveryLength() throws Exception {
    Random random = new Random(42);
    for (int keyLength = 1; keyLength <= 130; keyLength += 3) {
      byte[] key = new byte[keyLength];
      random.nextBytes(key);
      HmacSha256 hmac = new HmacSha256(key);
      Mac jdk = Mac.getInstance("HmacSHA256");
      jdk.init(new SecretKeySpec(key, "HmacSHA256"));
      for (int length : new int[] {0, 1, 55, 64, 65, 1024, 5000}) {
        byte[] message = new byte[length];
        random.nextBytes(message);
        int split = length / 3;
        byte[] first = Arrays.copyOfRange(message, 0, split);
        byte[] second = Arrays.copyOfRange(message, split, length);

        byte[] mac = hmac.mac(first, second);

        assertThat(mac).as("key %d, message %d", keyLength, length).isEqualTo(jdk.doFinal(message));
      }
    }
  }
}
