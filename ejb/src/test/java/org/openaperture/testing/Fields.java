package org.openaperture.testing;

/** Sets the fields the container would inject, for services a test builds by hand across packages. */
public final class Fields {
    private Fields() {}

    /** Sets {@code field}, declared by the class of {@code target} itself, to {@code value}. */
    public static void inject(Object target, String field, Object value) {
        try {
            var f = target.getClass().getDeclaredField(field);
            f.setAccessible(true);
            f.set(target, value);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
