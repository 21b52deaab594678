package io.switchboard.core.internal.db;

/** The SQL offset of a page, computed without overflowing: {@code page * size} of two ints may exceed an int. */
public final class Paging {

    private Paging() {
    }

    /** Rows to skip for a zero-based page; pages beyond {@link Integer#MAX_VALUE} rows skip everything. */
    public static int offset(int page, int size) {
        return (int) Math.min(Integer.MAX_VALUE, (long) Math.max(0, page) * Math.max(1, size));
    }
}
