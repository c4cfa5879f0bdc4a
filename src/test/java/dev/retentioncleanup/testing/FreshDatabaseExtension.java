package dev.retentioncleanup.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives each test class one fresh database ({@code rc_<class>_<random>}), dropped after the class, and
 * injects its {@link TestDatabase} into constructors, {@code @BeforeAll}/{@code @BeforeEach} and test
 * methods. {@code @Nested} classes share their enclosing class's database.
 */
public final class FreshDatabaseExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(FreshDatabaseExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        database(context);
    }

    /** Only the class that created the database drops it (a nested class's store does not hold it). */
    @Override
    public void afterAll(ExtensionContext context) {
        Handle handle = context.getStore(NAMESPACE).remove(Handle.class, Handle.class);
        if (handle != null) {
            handle.database().drop();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == TestDatabase.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return database(context);
    }

    /**
     * Created once, in the class-level store (store look-ups see enclosing classes' values, so nested
     * classes reuse it). Works for a PER_CLASS constructor too, which is resolved before beforeAll.
     */
    private static TestDatabase database(ExtensionContext context) {
        ExtensionContext classContext = context;
        while (classContext.getTestMethod().isPresent() && classContext.getParent().isPresent()) {
            classContext = classContext.getParent().get();
        }
        String hint = classContext.getRequiredTestClass().getSimpleName();
        return classContext.getStore(NAMESPACE)
                .getOrComputeIfAbsent(Handle.class, k -> new Handle(TestDatabase.create(hint)), Handle.class)
                .database();
    }

    private record Handle(TestDatabase database) {
    }
}
