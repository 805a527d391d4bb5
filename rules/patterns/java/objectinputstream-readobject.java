import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.net.Socket;
import java.util.HashMap;
import java.util.Map;
import javax.servlet.http.HttpServletRequest;
import org.apache.commons.io.serialization.ValidatingObjectInputStream;

public class SessionCodec {

    public Object readSession(HttpServletRequest request) throws IOException, ClassNotFoundException {
        try (ObjectInputStream in = new ObjectInputStream(request.getInputStream())) {
            // ruleid: patterns.java.objectinputstream-readobject
            return in.readObject();
        }
    }

    public Object fromBytes(byte[] data) throws IOException, ClassNotFoundException {
        // ruleid: patterns.java.objectinputstream-readobject
        return new ObjectInputStream(new ByteArrayInputStream(data)).readObject();
    }

    public Object fromSocket(Socket socket) throws IOException, ClassNotFoundException {
        ObjectInputStream in = new ObjectInputStream(socket.getInputStream());
        // ruleid: patterns.java.objectinputstream-readobject
        Object msg = in.readUnshared();
        return msg;
    }

    public Object readFiltered(InputStream raw) throws IOException, ClassNotFoundException {
        ObjectInputStream in = new ObjectInputStream(raw);
        in.setObjectInputFilter(ObjectInputFilter.Config.createFilter("com.example.session.*;java.base/*;!*"));
        // ok: patterns.java.objectinputstream-readobject
        return in.readObject();
    }

    public Object readValidated(InputStream raw) throws IOException, ClassNotFoundException {
        try (ValidatingObjectInputStream in = new ValidatingObjectInputStream(raw)) {
            in.accept(SessionData.class, HashMap.class);
            // ok: patterns.java.objectinputstream-readobject
            return in.readObject();
        }
    }

    public Object readAllowListed(InputStream raw) throws IOException, ClassNotFoundException {
        ObjectInputStream in = new ObjectInputStream(raw) {
            @Override
            protected Class<?> resolveClass(java.io.ObjectStreamClass desc) throws IOException, ClassNotFoundException {
                if (!desc.getName().equals(SessionData.class.getName())) {
                    throw new java.io.InvalidClassException("Unexpected class", desc.getName());
                }
                return super.resolveClass(desc);
            }
        };
        // ok: patterns.java.objectinputstream-readobject
        return in.readObject();
    }

    public static class SessionData implements Serializable {
        private static final long serialVersionUID = 1L;
        private transient Map<String, String> attributes;

        private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
            in.defaultReadObject();
            // ok: patterns.java.objectinputstream-readobject
            attributes = (Map<String, String>) in.readObject();
        }
    }
}
