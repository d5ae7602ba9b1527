package alertbridge.checks;

/** Where a check stands: never pinged, up, started (a run is under way), or down (paged). */
public enum CheckState { NEW, UP, STARTED, DOWN }
