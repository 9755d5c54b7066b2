package io.helklab.detection.sigma;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The boolean operators of selections and conditions. Immutable and thread-safe. */
final class Logic {

    private Logic() {
    }

    static Matcher and(List<Matcher> parts) {
        return parts.size() == 1 ? parts.get(0) : new AtLeast(parts, parts.size());
    }

    static Matcher or(List<Matcher> parts) {
        return parts.size() == 1 ? parts.get(0) : new AtLeast(parts, 1);
    }

    static Matcher atLeast(List<Matcher> parts, int count) {
        return new AtLeast(parts, count);
    }

    static Matcher not(Matcher part) {
        return new Not(part);
    }

    /** At least {@code count} of the parts: AND when it is all of them, OR when it is one. */
    private static final class AtLeast implements Matcher {
        private final Matcher[] parts;
        private final int count;

        AtLeast(List<Matcher> parts, int count) {
            this.parts = parts.toArray(new Matcher[0]);
            this.count = count;
        }

        @Override
        public boolean matches(EventContext event) {
            int matched = 0;
            for (int i = 0; i < parts.length; i++) {
                if (parts[i].matches(event)) {
                    if (++matched >= count) {
                        return true;
                    }
                } else if (parts.length - i - 1 + matched < count) {
                    return false;
                }
            }
            return matched >= count;
        }

        @Override
        public Prefilter prefilter() {
            List<Prefilter> prefilters = new ArrayList<>(parts.length);
            for (Matcher part : parts) {
                prefilters.add(part.prefilter());
            }
            if (count == parts.length) {
                return Prefilter.strongest(prefilters);
            }
            // With k of n, a match holds k parts; any n - k + 1 of them include one of those.
            return count == 1 ? Prefilter.union(prefilters) : null;
        }

        @Override
        public Set<Integer> requiredEventIds() {
            if (count == parts.length) {
                Set<Integer> result = null;
                for (Matcher part : parts) {
                    Set<Integer> ids = part.requiredEventIds();
                    if (ids != null) {
                        if (result == null) {
                            result = new HashSet<>(ids);
                        } else {
                            result.retainAll(ids);
                        }
                    }
                }
                return result;
            }
            if (count == 1) {
                Set<Integer> union = new HashSet<>();
                for (Matcher part : parts) {
                    Set<Integer> ids = part.requiredEventIds();
                    if (ids == null) {
                        return null;
                    }
                    union.addAll(ids);
                }
                return union;
            }
            return null;
        }
    }

    private record Not(Matcher part) implements Matcher {
        @Override
        public boolean matches(EventContext event) {
            return !part.matches(event);
        }

        @Override
        public Prefilter prefilter() {
            return null;
        }
    }

    /** Matches nothing: an empty {@code 1 of} or similar. */
    static final Matcher NOTHING = new Matcher() {
        @Override
        public boolean matches(EventContext event) {
            return false;
        }

        @Override
        public Prefilter prefilter() {
            return null;
        }

        @Override
        public Set<Integer> requiredEventIds() {
            return Set.of();
        }
    };
}
