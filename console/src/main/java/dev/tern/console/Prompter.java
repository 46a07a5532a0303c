package dev.tern.console;

/** Asks the administrator for what a command line should not carry: passwords and confirmations. */
interface Prompter {

    /** Returns whether a person types the input, so a new password is asked for twice. */
    boolean interactive();

    /** Reads a secret without echoing it. */
    char[] readSecret(String prompt) throws ConsoleException;

    /** Returns whether the administrator confirms; a non-interactive caller has confirmed by running the command. */
    boolean confirm(String question) throws ConsoleException;
}
