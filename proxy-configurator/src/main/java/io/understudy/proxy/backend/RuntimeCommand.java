package io.understudy.proxy.backend;

/** One line for HAProxy's runtime API, with the answer that means it was applied. */
public record RuntimeCommand(String text, Answer expected) {

    public enum Answer {
        SILENCE(""),
        SERVER_REGISTERED("New server registered."),
        SERVER_DELETED("Server deleted.");

        private final String text;

        Answer(String text) {
            this.text = text;
        }

        public boolean accepts(String answer) {
            return answer.strip().equals(text);
        }
    }

    static RuntimeCommand silent(String text) {
        return new RuntimeCommand(text, Answer.SILENCE);
    }
}
