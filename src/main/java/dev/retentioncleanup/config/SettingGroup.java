package dev.retentioncleanup.config;

/** Sections of the help text; each {@link Setting} belongs to one. */
public enum SettingGroup { CONNECTION, SELECTION, BATCHING, GUARDS, OUTPUT, MONITORING }
