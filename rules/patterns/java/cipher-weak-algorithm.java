import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;

public class LegacyVault {

    public byte[] encryptDes(SecretKey key, byte[] iv, byte[] plain) throws GeneralSecurityException {
        // ruleid: patterns.java.cipher-weak-algorithm
        Cipher cipher = Cipher.getInstance("DES/CBC/PKCS5Padding");
        cipher.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(iv));
        return cipher.doFinal(plain);
    }

    public byte[] encrypt3des(SecretKey key, byte[] iv, byte[] plain) throws GeneralSecurityException {
        // ruleid: patterns.java.cipher-weak-algorithm
        Cipher cipher = Cipher.getInstance("DESede/CBC/PKCS5Padding");
        cipher.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(iv));
        return cipher.doFinal(plain);
    }

    public byte[] streamEncrypt(SecretKey key, byte[] plain) throws GeneralSecurityException {
        // ruleid: patterns.java.cipher-weak-algorithm
        Cipher rc4 = Cipher.getInstance("RC4");
        rc4.init(Cipher.ENCRYPT_MODE, key);
        return rc4.doFinal(plain);
    }

    public byte[] encryptGcm(SecretKey key, byte[] nonce, byte[] plain) throws GeneralSecurityException {
        // ok: patterns.java.cipher-weak-algorithm
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
        return cipher.doFinal(plain);
    }

    public byte[] encryptChaCha(SecretKey key, byte[] nonce, byte[] plain) throws GeneralSecurityException {
        // ok: patterns.java.cipher-weak-algorithm
        Cipher cipher = Cipher.getInstance("ChaCha20-Poly1305");
        cipher.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(nonce));
        return cipher.doFinal(plain);
    }
}
