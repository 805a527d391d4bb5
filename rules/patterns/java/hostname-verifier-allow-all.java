import java.net.URL;
import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSession;
import okhttp3.OkHttpClient;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.DefaultHostnameVerifier;
import org.apache.hc.client5.http.ssl.NoopHostnameVerifier;
import org.apache.hc.client5.http.ssl.SSLConnectionSocketFactory;
import org.apache.hc.client5.http.ssl.SSLConnectionSocketFactoryBuilder;

public class InternalApiClients {

    public CloseableHttpClient apacheClient(SSLContext sslContext) {
        SSLConnectionSocketFactory sslFactory = SSLConnectionSocketFactoryBuilder.create()
                .setSslContext(sslContext)
                // ruleid: patterns.java.hostname-verifier-allow-all
                .setHostnameVerifier(NoopHostnameVerifier.INSTANCE)
                .build();
        return HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setSSLSocketFactory(sslFactory).build())
                .build();
    }

    public OkHttpClient okHttp() {
        return new OkHttpClient.Builder()
                // ruleid: patterns.java.hostname-verifier-allow-all
                .hostnameVerifier((hostname, session) -> true)
                .build();
    }

    public void legacyGlobal() {
        HttpsURLConnection.setDefaultHostnameVerifier(new HostnameVerifier() {
            @Override
            // ruleid: patterns.java.hostname-verifier-allow-all
            public boolean verify(String hostname, SSLSession session) {
                return true;
            }
        });
    }

    public SSLConnectionSocketFactory strictFactory(SSLContext sslContext) {
        return SSLConnectionSocketFactoryBuilder.create()
                .setSslContext(sslContext)
                // ok: patterns.java.hostname-verifier-allow-all
                .setHostnameVerifier(new DefaultHostnameVerifier())
                .build();
    }

    public HttpsURLConnection pinnedHost(URL url) throws java.io.IOException {
        HttpsURLConnection conn = (HttpsURLConnection) url.openConnection();
        // ok: patterns.java.hostname-verifier-allow-all
        conn.setHostnameVerifier((hostname, session) -> "api.internal.example.com".equals(hostname));
        return conn;
    }

    static final class SuffixVerifier implements HostnameVerifier {
        @Override
        // ok: patterns.java.hostname-verifier-allow-all
        public boolean verify(String hostname, SSLSession session) {
            return hostname.endsWith(".internal.example.com")
                    && HttpsURLConnection.getDefaultHostnameVerifier().verify(hostname, session);
        }
    }
}
