package io.linkscope.desktop.workspace;

/** Both needs of a screen that reads the local copy and sends changes (links, bio pages). */
public interface Workspace extends LocalData, Changes {}
