package dev.retentioncleanup.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import dev.retentioncleanup.ExitCode;
import dev.retentioncleanup.Main;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The package dependency graph of docs/architecture.md, checked on the compiled main classes (imports, fully
 * qualified names, constants: everything the byte code refers to). Change the graph there and here together.
 */
@AnalyzeClasses(packages = "dev.retentioncleanup", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String ROOT = "dev.retentioncleanup";

    @ArchTest
    static final ArchRule packagesDependOneWay = layeredArchitecture()
            .consideringOnlyDependenciesInLayers()
            // The root package holds the top (Main) and a leaf (ExitCode): two layers, not one package.
            .layer("Main").definedBy(belongToAnyOf(Main.class))
            .layer("ExitCode").definedBy(belongToAnyOf(ExitCode.class))
            .layer("cli").definedBy(ROOT + ".cli..")
            .layer("execute").definedBy(ROOT + ".execute..")
            .layer("archive").definedBy(ROOT + ".archive..")
            .layer("plan").definedBy(ROOT + ".plan..")
            .layer("guard").definedBy(ROOT + ".guard..")
            .layer("observe").definedBy(ROOT + ".observe..")
            .layer("result").definedBy(ROOT + ".result..")
            .layer("config").definedBy(ROOT + ".config..")
            .layer("db").definedBy(ROOT + ".db..")
            .layer("url").definedBy(ROOT + ".url..")
            .layer("retry").definedBy(ROOT + ".retry..")

            .whereLayer("Main").mayOnlyAccessLayers("cli")
            .whereLayer("cli").mayOnlyAccessLayers("ExitCode", "execute", "archive", "plan", "guard", "observe",
                    "result", "config", "db", "url", "retry")
            .whereLayer("execute").mayOnlyAccessLayers("archive", "plan", "guard", "observe", "result", "config", "db",
                    "retry")
            // The archive's storage, manifest and verifier: no database, so verify-archive needs none either.
            .whereLayer("archive").mayOnlyAccessLayers("config", "url")
            .whereLayer("plan").mayOnlyAccessLayers("config", "db")
            // observe.audit writes its row to the database, through db.Sql like every other statement.
            .whereLayer("observe").mayOnlyAccessLayers("ExitCode", "result", "config", "guard", "db", "url", "retry")
            // A run's result, which execute makes and observe renders: Outcome maps to ExitCode (and a
            // ConfigException to exit 2), GuardEvent carries the guard's own Verdict.Action, counts are per TableName.
            .whereLayer("result").mayOnlyAccessLayers("ExitCode", "config", "guard", "db")
            .whereLayer("config").mayOnlyAccessLayers("url")
            .whereLayer("db").mayOnlyAccessLayers("url", "retry")
            // A guard declares the setting that turns it on (a config Setting) and echoes its limit as written.
            .whereLayer("guard").mayOnlyAccessLayers("config", "db")
            .whereLayer("url").mayNotAccessAnyLayer()
            .whereLayer("retry").mayNotAccessAnyLayer()
            .whereLayer("ExitCode").mayNotAccessAnyLayer();

    @ArchTest
    static final ArchRule noCycles = slices().matching(ROOT + ".(*)..").should().beFreeOfCycles();
}
