package io.synod.api.jdbc;

import io.synod.api.FencedBy;
import io.synod.api.FencingRejectedException;
import io.synod.api.InvalidRequestException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The fenced row write on a real embedded database (H2): newer tokens win, older ones are refused and change nothing. */
class FencedJdbcTest {

    private Connection db;
    private final FencedJdbc stock = FencedJdbc.on("stock", "id", "amount");

    @BeforeEach
    void open() throws SQLException {
        db = DriverManager.getConnection("jdbc:h2:mem:fenced-" + System.nanoTime());
        try (Statement s = db.createStatement()) {
            s.execute("CREATE TABLE stock (id INT PRIMARY KEY, amount INT NOT NULL, fence_token BIGINT NOT NULL)");
        }
    }

    @AfterEach
    void close() throws SQLException {
        db.close();
    }

    @Test
    void aWriteWithANewerOrEqualTokenIsAppliedAndAnOlderOneRefused() throws SQLException {
        stock.write(db, 7, 10, new FencedBy("stock/7", 5));   // creates the row
        stock.write(db, 7, 11, new FencedBy("stock/7", 5));   // the same holder again
        stock.write(db, 7, 9, new FencedBy("stock/7", 12));   // the next holder
        assertThat(row(7)).isEqualTo("9@12");

        assertThatThrownBy(() -> stock.write(db, 7, 99, new FencedBy("stock/7", 5)))
                .isInstanceOfSatisfying(FencingRejectedException.class, e -> {
                    assertThat(e.token()).isEqualTo(5);
                    assertThat(e.newestToken()).isEqualTo(12);
                });
        assertThat(row(7)).as("the paused holder changed nothing").isEqualTo("9@12");
    }

    @Test
    void identifiersThatAreNotPlainAreRefused() {
        assertThatThrownBy(() -> FencedJdbc.on("stock; DROP TABLE stock", "id", "amount"))
                .isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> stock.write(db, 7, 1, null)).isInstanceOf(InvalidRequestException.class);
    }

    private String row(int id) throws SQLException {
        try (Statement s = db.createStatement();
             ResultSet rs = s.executeQuery("SELECT amount, fence_token FROM stock WHERE id = " + id)) {
            assertThat(rs.next()).isTrue();
            return rs.getInt(1) + "@" + rs.getLong(2);
        }
    }
}
