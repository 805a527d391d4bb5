import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

public class FieldEncryptor {

    public byte[] encryptField(SecretKey key, byte[] plain) throws GeneralSecurityException {
        // ruleid: patterns.java.cipher-ecb-mode
        Cipher cipher = Cipher.getInstance("AES");
        cipher.init(Cipher.ENCRYPT_MODE, key);
        return cipher.doFinal(plain);
    }

    public byte[] encryptCard(SecretKey key, byte[] pan) throws GeneralSecurityException {
        // ruleid: patterns.java.cipher-ecb-mode
        Cipher cipher = Cipher.getInstance("AES/ECB/PKCS5Padding");
        cipher.init(Cipher.ENCRYPT_MODE, key);
        return cipher.doFinal(pan);
    }

    public byte[] encryptFieldGcm(SecretKey key, byte[] nonce, byte[] plain) throws GeneralSecurityException {
        // ok: patterns.java.cipher-ecb-mode
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
        return cipher.doFinal(plain);
    }

    public byte[] unwrapKey(PrivateKey rsaKey, byte[] wrapped) throws GeneralSecurityException {
        // ok: patterns.java.cipher-ecb-mode
        Cipher cipher = Cipher.getInstance("RSA/ECB/OAEPWithSHA-256AndMGF1Padding");
        cipher.init(Cipher.DECRYPT_MODE, rsaKey);
        return cipher.doFinal(wrapped);
    }
}
