package studio.dqn;

import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.name;
import static com.tngtech.archunit.core.domain.properties.HasParameterTypes.Predicates.rawParameterTypes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;

/**
 * The package rules of ARCHITECTURE.md section 2, checked on the compiled main classes.
 *
 * <pre>
 * ui  ──► training ──► agent ──► config
 *  │          └──────► env
 *  ├──────────────────► env, config
 *  └──► interop (its API only; docs/decisions/0010-onnx-export.md)
 * cli ──► interop ──► training, env, config (+ protobuf)
 * cli ──► training, env, config
 * env ──► JDK only            config ──► JDK + Jackson            ui ──► no Jackson
 * </pre>
 *
 * No rule allows an empty "should" (ArchUnit's default): a rule whose {@code that()} matches no class
 * fails, so renaming or emptying a package fails the rules about it instead of silencing them. And
 * {@link #everyClassIsInAKnownLayer} fails on a new or renamed package, which no rule would judge.
 *
 * The classes protoc generates for the ONNX schema ({@code studio.dqn.interop.onnx}) are imported
 * like ours: every cross-cutting rule checks them too, and one rule of their own keeps them on
 * protobuf and the JDK, so our interop code is judged by the interop rules without exceptions.
 */
@AnalyzeClasses(packages = "studio.dqn", importOptions = {
        ImportOption.DoNotIncludeTests.class,
        ArchitectureTest.DoNotIncludeTestClassesFolder.class,
        ImportOption.DoNotIncludeJars.class})
class ArchitectureTest {

    static {
        // Every rule here matches classes by name (packages, System.out, printStackTrace), so ArchUnit need
        // not load the bytecode of DL4J, JavaFX, Jackson… from the classpath to complete the class graph.
        // Without this the import takes ~3x longer (≈9 s instead of ≈3.5 s on the shared 2-core machine).
        // It is ArchUnit's JVM-wide setting; no other test here uses ArchUnit.
        ArchConfiguration.get().setResolveMissingDependenciesFromClassPath(false);
    }

    /**
     * ArchUnit's DoNotIncludeTests only recognises {@code target/test-classes}; the build folder is
     * configurable ({@code -Ddqn.build.dir=/tmp/x} puts tests in {@code /tmp/x/test-classes}), and the
     * rules must judge the main code only.
     */
    static final class DoNotIncludeTestClassesFolder implements ImportOption {
        @Override
        public boolean includes(Location location) {
            return !location.contains("/test-classes/");
        }
    }

    private static final String ROOT = "studio.dqn";
    private static final String ENV = "studio.dqn.env..";
    private static final String CONFIG = "studio.dqn.config..";
    private static final String AGENT = "studio.dqn.agent..";
    private static final String TRAINING = "studio.dqn.training..";
    private static final String UI = "studio.dqn.ui..";
    private static final String CLI = "studio.dqn.cli..";
    private static final String RENDER = "studio.dqn.render..";
    private static final String INTEROP = "studio.dqn.interop..";
    private static final String EXPERIMENTS = "studio.dqn.experiments..";
    private static final String[] SPARK = {"org.apache.spark..", "scala..", "org.apache.hadoop.."};
    /** protoc's output for src/main/protobuf/onnx.proto (generated at build time, never edited). */
    private static final String ONNX_GENERATED = "studio.dqn.interop.onnx..";

    private static final String JDK = "java..";
    /** Also part of the JDK (java.desktop): the CLI writes its reward plot with javax.imageio. */
    private static final String JDK_JAVAX = "javax..";
    private static final String JACKSON = "com.fasterxml.jackson..";
    private static final String SLF4J = "org.slf4j..";
    private static final String PROTOBUF = "com.google.protobuf..";
    private static final String[] DL4J = {"org.deeplearning4j..", "org.nd4j..", "org.bytedeco.."};
    private static final String[] JAVAFX = {"javafx..", "org.controlsfx..", "atlantafx.."};

    private static String[] with(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    // --- what each package may use --------------------------------------------------------------

    @ArchTest
    static final ArchRule envDependsOnlyOnTheJdk = ArchRuleDefinition.classes()
            .that().resideInAPackage(ENV)
            .should().onlyDependOnClassesThat().resideInAnyPackage(ENV, JDK)
            .because("the environment is an exact, self-contained port of gym's CartPole (ARCHITECTURE.md §2: env ──► JDK only)");

    @ArchTest
    static final ArchRule configDependsOnlyOnTheJdkAndJackson = ArchRuleDefinition.classes()
            .that().resideInAPackage(CONFIG)
            .should().onlyDependOnClassesThat().resideInAnyPackage(CONFIG, JDK, JACKSON)
            .because("the config is the bottom layer every other package reads (ARCHITECTURE.md §2: config ──► JDK + Jackson)");

    @ArchTest
    static final ArchRule agentDependsOnlyOnConfigAndDl4j = ArchRuleDefinition.classes()
            .that().resideInAPackage(AGENT)
            .should().onlyDependOnClassesThat().resideInAnyPackage(with(DL4J, AGENT, CONFIG, SLF4J, JDK))
            .because("the agent is the only DL4J user and knows nothing of environments or the loop (agent ──► config)");

    @ArchTest
    static final ArchRule agentDoesNotKnowEnvTrainingOrFrontEnds = noClasses()
            .that().resideInAPackage(AGENT)
            .should().dependOnClassesThat().resideInAnyPackage(ENV, TRAINING, UI, CLI)
            .because("the agent sits below training and must stay usable without environments or front ends");

    @ArchTest
    static final ArchRule trainingDependsOnlyOnAgentEnvConfig = ArchRuleDefinition.classes()
            .that().resideInAPackage(TRAINING)
            .should().onlyDependOnClassesThat().resideInAnyPackage(TRAINING, AGENT, ENV, CONFIG, JDK, JACKSON, SLF4J)
            .because("the training core serves the GUI, the CLI and the tests alike (training ──► agent, env, config)");

    @ArchTest
    static final ArchRule trainingUsesNoFrontEndJavaFxOrDl4jDirectly = noClasses()
            .that().resideInAPackage(TRAINING)
            .should().dependOnClassesThat().resideInAnyPackage(with(with(DL4J, JAVAFX), UI, CLI))
            .because("the training core never imports JavaFX or a front end, and reaches DL4J only through the agent");

    @ArchTest
    static final ArchRule cliDependsOnlyOnTrainingEnvConfigAndItsLibraries = ArchRuleDefinition.classes()
            .that().resideInAPackage(CLI)
            .should().onlyDependOnClassesThat().resideInAnyPackage(
                    CLI, EXPERIMENTS, TRAINING, INTEROP, ENV, CONFIG, RENDER, "picocli..", JACKSON, "org.knowm.xchart..", JDK, JDK_JAVAX)
            .because("the CLI is a front end over training (cli ──► experiments, training, interop, env, config, render)");

    @ArchTest
    static final ArchRule experimentsDependOnlyOnTrainingAndTheirLibraries = ArchRuleDefinition.classes()
            .that().resideInAPackage(EXPERIMENTS)
            .should().onlyDependOnClassesThat().resideInAnyPackage(with(SPARK,
                    EXPERIMENTS, TRAINING, ENV, CONFIG, JACKSON, SLF4J, "org.knowm.xchart..", JDK, JDK_JAVAX))
            .because("the run library, sweeps and seed statistics sit on training (experiments ──► training, env, config)");

    @ArchTest
    static final ArchRule sparkOnlyInTheSparkEngine = noClasses()
            .that().doNotHaveSimpleName("SparkEngine").and().doNotHaveSimpleName("SparkSweepJob")
            .should().dependOnClassesThat().resideInAnyPackage(SPARK)
            .because("Spark is provided on a cluster only; the local engine, the studio and the CLI must never load it");

    @ArchTest
    static final ArchRule interopDependsOnlyOnTrainingEnvConfigAndProtobuf = ArchRuleDefinition.classes()
            .that().resideInAPackage(INTEROP)
            .and().resideOutsideOfPackage(ONNX_GENERATED)
            .should().onlyDependOnClassesThat().resideInAnyPackage(INTEROP, TRAINING, ENV, CONFIG, PROTOBUF, JDK)
            .because("exports read a model snapshot through training and write it with protobuf"
                    + " (interop ──► training, env, config; docs/decisions/0010-onnx-export.md)");

    @ArchTest
    static final ArchRule generatedOnnxClassesUseOnlyProtobuf = ArchRuleDefinition.classes()
            .that().resideInAPackage(ONNX_GENERATED)
            .should().onlyDependOnClassesThat().resideInAnyPackage(ONNX_GENERATED, PROTOBUF, JDK)
            .because("the classes generated from onnx.proto are plain protobuf messages and know none of our code");

    @ArchTest
    static final ArchRule protobufOnlyInInterop = noClasses()
            .that().resideOutsideOfPackage(INTEROP)
            .should().dependOnClassesThat().resideInAnyPackage(PROTOBUF)
            .because("protobuf is the export format's library and appears only in interop and its generated classes");

    @ArchTest
    static final ArchRule onlyTheFrontEndsUseInterop = noClasses()
            .that().resideOutsideOfPackages(INTEROP, UI, CLI)
            .should().dependOnClassesThat().resideInAnyPackage(INTEROP)
            .because("exports are something a user asks for from the studio or the CLI; training and below never export");

    @ArchTest
    static final ArchRule frontEndsUseInteropThroughItsApi = noClasses()
            .that().resideInAnyPackage(UI, CLI)
            .should().dependOnClassesThat().resideInAnyPackage(ONNX_GENERATED)
            .because("the studio and the CLI call OnnxExport; the generated ONNX messages are interop's own business");

    @ArchTest
    static final ArchRule renderDependsOnlyOnEnvAndTheJdk = ArchRuleDefinition.classes()
            .that().resideInAPackage(RENDER)
            .should().onlyDependOnClassesThat().resideInAnyPackage(RENDER, ENV, JDK, JDK_JAVAX, "org.w3c.dom..")
            .because("the cart-pole scene is drawn by one renderer on two back-ends (JavaFX canvas, Java2D GIF),"
                    + " so it must not depend on either front end (docs/decisions/0005-one-renderer.md)");

    @ArchTest
    static final ArchRule cliDoesNotUseUiAgentOrDl4j = noClasses()
            .that().resideInAPackage(CLI)
            .should().dependOnClassesThat().resideInAnyPackage(with(with(DL4J, JAVAFX), UI, AGENT))
            .because("the CLI drives training only; it must not reach into the agent, DL4J or the studio window");

    @ArchTest
    static final ArchRule uiDoesNotUseAgentCliOrDl4j = noClasses()
            .that().resideInAPackage(UI)
            .should().dependOnClassesThat().resideInAnyPackage(with(DL4J, AGENT, CLI))
            .because("the studio works through training, env and config (ui ──► training, env, config)");

    @ArchTest
    static final ArchRule uiDoesNotUseJackson = noClasses()
            .that().resideInAPackage(UI)
            .should().dependOnClassesThat().resideInAnyPackage(JACKSON)
            .because("the ui's libraries are JavaFX, ControlsFX and AtlantaFX (ARCHITECTURE.md §2); the files it"
                    + " keeps (preferences, configs, models) are read and written by config and training");

    // --- cross-cutting ----------------------------------------------------------------------

    @ArchTest
    static final ArchRule javaFxOnlyInUi = noClasses()
            .that().resideOutsideOfPackage(UI)
            .should().dependOnClassesThat().resideInAnyPackage(JAVAFX)
            .because("JavaFX and ControlsFX appear only in ui, so the core and the CLI run headless");

    @ArchTest
    static final ArchRule dl4jOnlyInAgent = noClasses()
            .that().resideOutsideOfPackage(AGENT)
            .should().dependOnClassesThat().resideInAnyPackage(DL4J)
            .because("DL4J/ND4J appear only in agent (QNetwork is the only DL4J user)");

    @ArchTest
    static final ArchRule nothingButTheLauncherUsesTheFrontEnds = noClasses()
            .that().resideOutsideOfPackages(UI, CLI)
            .and().doNotHaveFullyQualifiedName(ROOT + ".Launcher")
            .should().dependOnClassesThat().resideInAnyPackage(UI, CLI)
            .because("nothing imports ui or cli; only the jar's Launcher knows both front ends");

    @ArchTest
    static final ArchRule frontEndsDoNotUseEachOther = noClasses()
            .that().resideInAPackage(CLI)
            .should().dependOnClassesThat().resideInAPackage(UI)
            .because("the headless CLI must run without the studio");

    @ArchTest
    static final ArchRule uiDoesNotUseCli = noClasses()
            .that().resideInAPackage(UI)
            .should().dependOnClassesThat().resideInAPackage(CLI)
            .because("the two front ends are independent; shared code belongs in training");

    @ArchTest
    static final ArchRule launcherReachesTheStudioOnlyByReflection = noClasses()
            .that().haveFullyQualifiedName(ROOT + ".Launcher")
            .should().dependOnClassesThat().resideInAnyPackage(with(JAVAFX, UI))
            .because("the Launcher calls Main directly and StudioApp only by reflection, so `java -jar … train` never loads JavaFX");

    // --- the studio by feature (ARCHITECTURE.md §2a) ------------------------------------------------

    /** The shell's package: the window, the menu bar, the status bar and the shared objects. */
    private static final String UI_SHELL = "studio.dqn.ui";
    /** The feature packages under it: run, files, scene, charts, play, config (and insight, runs). */
    private static final String UI_FEATURES = "studio.dqn.ui.*..";

    @ArchTest
    static final ArchRule uiFeaturesDoNotReachIntoEachOther = slices()
            .matching("studio.dqn.ui.(*)..")
            .should().notDependOnEachOther()
            .because("a feature talks to another only through the shell's shared objects (Studio, CurrentModel, the"
                    + " event stream), never by reaching into another feature's classes (ARCHITECTURE.md §2a)");

    @ArchTest
    static final ArchRule onlyTheShellsComposerKnowsTheFeatures = noClasses()
            .that().resideInAPackage(UI_SHELL)
            .and().doNotHaveSimpleName("StudioWindow")
            .should().dependOnClassesThat().resideInAPackage(UI_FEATURES)
            .because("the shared objects serve every feature and know none of them; only the window composes them");

    @ArchTest
    static final ArchRule featureModelsHoldNoNodes = noClasses()
            .that().haveFullyQualifiedName(UI_SHELL + ".Studio")
            .or().haveFullyQualifiedName(UI_SHELL + ".CurrentModel")
            .or().haveFullyQualifiedName(UI_SHELL + ".LastFolders")
            .or().haveFullyQualifiedName(UI_SHELL + ".run.RunControl")
            .or().haveFullyQualifiedName(UI_SHELL + ".files.ModelFiles")
            .or().haveFullyQualifiedName(UI_SHELL + ".files.Exports")
            .or().haveFullyQualifiedName(UI_SHELL + ".files.Autosave")
            .or().haveFullyQualifiedName(UI_SHELL + ".play.Watch")
            .or().haveFullyQualifiedName(UI_SHELL + ".play.HumanPlay")
            .or().haveFullyQualifiedName(UI_SHELL + ".config.ConfigEditing")
            .or().haveFullyQualifiedName(UI_SHELL + ".runs.RunsModel")
            .or().haveFullyQualifiedName(UI_SHELL + ".runs.SweepRunner")
            .or().haveFullyQualifiedName(UI_SHELL + ".runs.NewSweepForm")
            .or().haveFullyQualifiedName(UI_SHELL + ".StudioRuns")
            .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..", "org.controlsfx..")
            .because("a feature's model is state and commands, testable without a scene; its view builds the nodes");

    @ArchTest
    static final ArchRule everyClassIsInAKnownLayer = ArchRuleDefinition.classes()
            .should().resideInAnyPackage(ROOT, ENV, CONFIG, AGENT, TRAINING, UI, CLI, RENDER, INTEROP, EXPERIMENTS)
            .because("every rule above names its packages; a class in a new or renamed package would escape them all");

    @ArchTest
    static final ArchRule noPackageCycles = slices()
            .matching("studio.dqn.(*)..")
            .should().beFreeOfCycles()
            .because("packages form the layers of ARCHITECTURE.md §2; a cycle would merge two layers");

    @ArchTest
    static final ArchRule consoleOnlyInCli = noClasses()
            .that().resideOutsideOfPackage(CLI)
            .should().accessField(System.class, "out")
            .orShould().accessField(System.class, "err")
            .because("System.out/System.err belong to the CLI; everything else logs through SLF4J");

    @ArchTest
    static final ArchRule noStackTracesToStderrOutsideCli = noClasses()
            .that().resideOutsideOfPackage(CLI)
            // by name: the bytecode owner of e.printStackTrace() is e's static type (IOException, …), not Throwable
            .should().callMethodWhere(target(name("printStackTrace")).and(target(rawParameterTypes(new Class<?>[0])))
                    .as("call printStackTrace()"))
            .because("printStackTrace() writes to System.err; everything outside the CLI logs through SLF4J");
}
