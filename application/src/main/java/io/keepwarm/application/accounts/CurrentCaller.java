package io.keepwarm.application.accounts;

/**
 * The one place the application learns who is calling. The web layer implements it from the authenticated
 * request; nothing else in the application reads security or request state.
 */
public interface CurrentCaller {

    Caller get();
}
