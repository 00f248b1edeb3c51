package org.gigaplan.plan.notify;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Sends notices: the platform keeps each one for its audience's inbox and queues a mail to everyone in the audience
 * who gave an e-mail address and wants this kind at once (others get it in their weekly digest, or only in the
 * inbox). Mails are sent after the notice is stored, retried while the mail server is down, and logged for the board.
 */
@ProviderType
public interface Notifier {

    /**
     * Keeps a notice and queues its mails, in one transaction: the caller's, when it runs inside one (a REST write
     * whose notice must stand or fall with it), else its own. Call it outside your own {@code Database.transaction}.
     *
     * @return true when the notice is new; false when one with its key was sent before (nothing is sent again)
     */
    boolean send(Notice notice);
}
