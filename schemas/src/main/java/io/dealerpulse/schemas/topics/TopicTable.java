package io.dealerpulse.schemas.topics;

/** Prints the topic table of {@code docs/topics.md}: {@code java -cp schemas.jar io.dealerpulse.schemas.topics.TopicTable}. */
public final class TopicTable {
    private TopicTable() {}

    public static void main(String[] args) {
        System.out.print(Topic.markdownTable());
    }
}
