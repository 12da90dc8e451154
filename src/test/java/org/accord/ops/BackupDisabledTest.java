package org.accord.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import org.accord.web.WebSession;
import org.junit.jupiter.api.Test;

/** Without an admin token configured, the backup endpoint does not exist, whatever token is sent. */
@QuarkusTest
class BackupDisabledTest {

    @Test
    void withoutAnAdminTokenTheBackupEndpointIsNotFound() {
        assertEquals(404, BackupTest.admin().post("/admin/backup").statusCode());
        assertEquals(404, BackupTest.admin().header(BackupResource.TOKEN_HEADER, "anything").post("/admin/backup").statusCode());
    }
}
