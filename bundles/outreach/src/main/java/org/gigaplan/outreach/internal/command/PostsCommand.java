package org.gigaplan.outreach.internal.command;

import java.time.Instant;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.gigaplan.outreach.internal.Post;
import org.gigaplan.outreach.internal.PostService;
import org.gigaplan.outreach.internal.store.PostStore;
import org.gigaplan.plan.console.ConsoleTable;
import org.gigaplan.plan.model.EnumText;
import org.gigaplan.plan.rest.PageRequest;

@Service
@Command(scope = "outreach", name = "posts", description = "Lists the support site's posts in every state, newest "
        + "first: what readers see now, what is scheduled, in review or a draft.")
public class PostsCommand implements Action {

    @Option(name = "--status", aliases = "-s", description = "Only posts in this state: DRAFT, REVIEW, PUBLISHED, ARCHIVED")
    String status;

    @Reference
    PostService posts;

    @Override
    public Object execute() {
        Post.Status only = null;
        if (status != null) {
            only = EnumText.parse(Post.Status.values(), status).orElse(null);
            if (only == null) {
                System.err.println("--status: one of " + EnumText.names(Post.Status.values()) + ", was " + status);
                return null;
            }
        }
        Instant now = posts.clock().now();
        ConsoleTable table = new ConsoleTable().emptyText("no posts");
        table.rightColumns("ID").columns("State", "Readers see it from", "Lang", "Category", "Title");
        for (Post p : posts.list(new PostStore.Query(only, null, null, null, null), PageRequest.of(0, 200)).items()) {
            String state = p.scheduledAt(now) ? "SCHEDULED" : p.status().name();
            table.row(p.id(), state, p.publishAt() == null || p.status() == Post.Status.ARCHIVED ? ""
                    : p.publishAt().toString().substring(0, 16), p.lang(), p.category(), ConsoleTable.cut(p.title(), 40));
        }
        table.print(System.out);
        return null;
    }
}
