import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

public class TokenHasher {
    private static final String DIGEST = "SHA-256";

    public String legacyPasswordHash(String password) throws NoSuchAlgorithmException {
        // ruleid: patterns.java.weak-hash-md5-sha1
        MessageDigest md = MessageDigest.getInstance("MD5");
        return HexFormat.of().formatHex(md.digest(password.getBytes(StandardCharsets.UTF_8)));
    }

    public byte[] signaturePayloadDigest(byte[] payload) throws NoSuchAlgorithmException {
        // ruleid: patterns.java.weak-hash-md5-sha1
        return MessageDigest.getInstance("SHA-1").digest(payload);
    }

    public byte[] apiKeyFingerprint(String apiKey) throws NoSuchAlgorithmException {
        // ruleid: patterns.java.weak-hash-md5-sha1
        MessageDigest sha = MessageDigest.getInstance("sha1");
        sha.update(apiKey.getBytes(StandardCharsets.UTF_8));
        return sha.digest();
    }

    public byte[] tokenDigest(String token) throws NoSuchAlgorithmException {
        // ok: patterns.java.weak-hash-md5-sha1
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        return md.digest(token.getBytes(StandardCharsets.UTF_8));
    }

    public byte[] configuredDigest(byte[] data) throws NoSuchAlgorithmException {
        // ok: patterns.java.weak-hash-md5-sha1
        return MessageDigest.getInstance(DIGEST).digest(data);
    }

    public byte[] sha3(byte[] data) throws NoSuchAlgorithmException {
        // ok: patterns.java.weak-hash-md5-sha1
        return MessageDigest.getInstance("SHA3-512").digest(data);
    }
}
