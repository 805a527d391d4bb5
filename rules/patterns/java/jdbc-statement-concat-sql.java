import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

public class UserRepository {
    private static final String TABLE = "app_users";
    private final Connection conn;

    public UserRepository(Connection conn) {
        this.conn = conn;
    }

    public ResultSet findByName(String name) throws SQLException {
        Statement stmt = conn.createStatement();
        // ruleid: patterns.java.jdbc-statement-concat-sql
        return stmt.executeQuery("SELECT id, email FROM app_users WHERE name = '" + name + "'");
    }

    public int deactivate(String email) throws SQLException {
        String sql = String.format("UPDATE app_users SET active = false WHERE email = '%s'", email);
        try (Statement stmt = conn.createStatement()) {
            // ruleid: patterns.java.jdbc-statement-concat-sql
            return stmt.executeUpdate(sql);
        }
    }

    public void deleteAll(List<String> ids) throws SQLException {
        var stmt = conn.createStatement();
        for (String id : ids) {
            // ruleid: patterns.java.jdbc-statement-concat-sql
            stmt.addBatch("DELETE FROM app_users WHERE id = " + id);
        }
        stmt.executeBatch();
    }

    public boolean sortBy(String column) throws SQLException {
        // ruleid: patterns.java.jdbc-statement-concat-sql
        return conn.createStatement().execute("SELECT * FROM app_users ORDER BY " + column);
    }

    public ResultSet findByNameSafely(String name) throws SQLException {
        PreparedStatement ps = conn.prepareStatement("SELECT id, email FROM app_users WHERE name = ?");
        ps.setString(1, name);
        // ok: patterns.java.jdbc-statement-concat-sql
        return ps.executeQuery();
    }

    public int count() throws SQLException {
        try (Statement stmt = conn.createStatement()) {
            // ok: patterns.java.jdbc-statement-concat-sql
            ResultSet rs = stmt.executeQuery("SELECT COUNT(*) FROM " + TABLE);
            rs.next();
            return rs.getInt(1);
        }
    }

    public void migrate() throws SQLException {
        Statement stmt = conn.createStatement();
        // ok: patterns.java.jdbc-statement-concat-sql
        stmt.execute("CREATE INDEX IF NOT EXISTS idx_users_email ON app_users (email)");
    }
}
