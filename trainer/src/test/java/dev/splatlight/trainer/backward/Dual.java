package dev.splatlight.trainer.backward;

/**
 * A forward-mode dual number v + d·ε (ε² = 0), in double precision: evaluating a function on duals whose input
 * carries d = 1 gives the function's exact derivative along that input. The backward references use it so that
 * they differentiate the plain forward formulas instead of restating the hand-derived chain rule they check.
 * Branches (clamps, cutoffs) follow the value, as the GPU's do.
 */
record Dual(double v, double d) {
    static final Dual ZERO = new Dual(0, 0);
    static final Dual ONE = new Dual(1, 0);

    static Dual constant(double value) {
        return new Dual(value, 0);
    }

    /** The variable being differentiated, or a constant, as {@code seeded} says. */
    static Dual variable(double value, boolean seeded) {
        return new Dual(value, seeded ? 1 : 0);
    }

    Dual plus(Dual o) {
        return new Dual(v + o.v, d + o.d);
    }

    Dual plus(double c) {
        return new Dual(v + c, d);
    }

    Dual minus(Dual o) {
        return new Dual(v - o.v, d - o.d);
    }

    Dual times(Dual o) {
        return new Dual(v * o.v, d * o.v + v * o.d);
    }

    Dual times(double c) {
        return new Dual(v * c, d * c);
    }

    Dual over(Dual o) {
        return new Dual(v / o.v, (d * o.v - v * o.d) / (o.v * o.v));
    }

    Dual negate() {
        return new Dual(-v, -d);
    }

    Dual square() {
        return times(this);
    }

    Dual exp() {
        double e = Math.exp(v);
        return new Dual(e, d * e);
    }

    Dual sqrt() {
        double s = Math.sqrt(v);
        return new Dual(s, d / (2 * s));
    }

    /** min(this, c): the constant, with no derivative, where it is smaller. */
    Dual min(double c) {
        return v > c ? constant(c) : this;
    }

    Dual max(double c) {
        return v < c ? constant(c) : this;
    }

    Dual clamp(double lo, double hi) {
        return max(lo).min(hi);
    }

    /** The value alone: what stops the derivative here. */
    Dual detached() {
        return constant(v);
    }
}
