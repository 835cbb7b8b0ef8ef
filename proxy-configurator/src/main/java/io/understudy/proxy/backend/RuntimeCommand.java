package io.understudy.proxy.backend;

/** One line for HAProxy's runtime API, with the answer that means it was applied. */
public record RuntimeCommand(String text, Answer expected) {

    public enum Answer {
        SILENCE(""),
        SERVER_REGISTERED("New server registered."),
        ADDRESS_CHANGED(null);

        private final String text;

        Answer(String text) {
            this.text = text;
        }

        /** ADDRESS_CHANGED: HAProxy names what changed ("IP changed from ...", "no need to change the addr"). */
        public boolean accepts(String answer) {
            if (this == ADDRESS_CHANGED) {
                String said = answer.strip();
                return said.startsWith("IP changed from") || said.startsWith("no need to change the addr")
                        || said.contains("port changed from") || said.startsWith("no need to change the port");
            }
            return answer.strip().equals(text);
        }
    }

    static RuntimeCommand silent(String text) {
        return new RuntimeCommand(text, Answer.SILENCE);
    }
}
