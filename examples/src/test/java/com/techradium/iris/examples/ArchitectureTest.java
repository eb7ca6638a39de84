package com.techradium.iris.examples;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package rules of docs/ARCHITECTURE.md, checked on the compiled main classes of every module:
 * the core imports no adapter, facades do not import each other, the kernel imports no facade, no
 * public signature outside {@code internal} needs an {@code internal} type, host code (this module)
 * needs no {@code internal} package, and no module's plumbing calls back into its front door.
 */
class ArchitectureTest {
  /** Every facade package; a new facade adds its name here. */
  private static final List<String> FACADES =
      List.of("audit", "job", "apikey", "webhook", "ratelimit", "monitor", "recording");

  private static final String ROOT = "com.techradium.iris";
  private static final String[] ADAPTERS = {
    ROOT + ".jdbc..",
    ROOT + ".redis..",
    ROOT + ".okhttp..",
    ROOT + ".aws..",
    ROOT + ".testkit..",
    ROOT + ".examples.."
  };

  private static JavaClasses iris;

  @BeforeAll
  static void importClasses() {
    iris =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);
  }

  @Test
  void coreImportsNoAdapter() {
    String[] core =
        Stream.concat(
                Stream.of(ROOT, ROOT + ".core.."), FACADES.stream().map(f -> ROOT + "." + f + ".."))
            .toArray(String[]::new);
    noClasses()
        .that()
        .resideInAnyPackage(core)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(ADAPTERS)
        .check(iris);
  }

  @Test
  void theKernelImportsNoFacade() {
    noClasses()
        .that()
        .resideInAPackage(ROOT + ".core..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(facadePackagesOf(FACADES.stream()))
        .orShould()
        .dependOnClassesThat()
        .resideInAPackage(ROOT)
        .check(iris);
  }

  @Test
  void facadesAndTheirAdaptersDoNotImportEachOther() {
    for (String facade : FACADES) {
      noClasses()
          .that()
          .resideInAnyPackage(facadePackagesOf(Stream.of(facade)))
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(facadePackagesOf(FACADES.stream().filter(f -> !f.equals(facade))))
          .because("facades talk through the shared context's hooks, not through each other")
          .check(iris);
    }
  }

  @Test
  void publicSignaturesOutsideInternalNeedNoInternalType() {
    ArchRuleDefinition.classes()
        .that()
        .areNotPrivate()
        .and()
        .haveModifier(JavaModifier.PUBLIC)
        .and()
        .resideOutsideOfPackage("..internal..")
        .should(exposeNoInternalType())
        .check(iris);
  }

  @Test
  void hostCodeNeedsNoInternalPackage() {
    noClasses()
        .that()
        .resideInAPackage(ROOT + ".examples..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("..internal..")
        .check(iris);
  }

  @Test
  void frontDoorsAreNotCalledByTheModulesTheyFront() {
    for (String module : List.of("jdbc", "redis")) {
      String frontDoor = ROOT + "." + module + "." + capitalized(module) + "Iris";
      ArchRule rule =
          noClasses()
              .that()
              .resideInAPackage(ROOT + "." + module + "..")
              .and()
              .doNotHaveFullyQualifiedName(frontDoor)
              .should()
              .dependOnClassesThat()
              .haveFullyQualifiedName(frontDoor)
              .because("the front door depends on the stores and plumbing, never the other way");
      rule.check(iris);
    }
  }

  private static String[] facadePackagesOf(Stream<String> facades) {
    return facades
        .flatMap(
            f ->
                Stream.of(
                    ROOT + "." + f + "..",
                    ROOT + ".jdbc." + f + "..",
                    ROOT + ".redis." + f + "..",
                    ROOT + ".okhttp." + f + "..",
                    ROOT + ".aws." + f + ".."))
        .toArray(String[]::new);
  }

  private static String capitalized(String module) {
    return module.equals("jdbc")
        ? "Jdbc"
        : Character.toUpperCase(module.charAt(0)) + module.substring(1);
  }

  private static final DescribedPredicate<JavaClass> INTERNAL =
      DescribedPredicate.describe(
          "in an internal package", c -> c.getPackageName().contains(".internal"));

  /** Public and protected members, supertypes and their type arguments name no internal type. */
  private static ArchCondition<JavaClass> exposeNoInternalType() {
    return new ArchCondition<>("expose no internal type in a public or protected signature") {
      @Override
      public void check(JavaClass type, ConditionEvents events) {
        for (JavaClass supertype : type.getAllRawSuperclasses()) {
          report(type, "extends", supertype, events);
        }
        for (JavaClass iface : type.getRawInterfaces()) {
          report(type, "implements", iface, events);
        }
        for (JavaCodeUnit member : type.getCodeUnits()) {
          if (!visible(member.getModifiers())) {
            continue;
          }
          report(type, member.getFullName() + " returns", member.getRawReturnType(), events);
          for (JavaClass parameter : member.getRawParameterTypes()) {
            report(type, member.getFullName() + " takes", parameter, events);
          }
          for (JavaClass argument : member.getReturnType().getAllInvolvedRawTypes()) {
            report(type, member.getFullName() + " returns", argument, events);
          }
        }
        for (JavaField field : type.getFields()) {
          if (visible(field.getModifiers())) {
            report(type, field.getFullName() + " holds", field.getRawType(), events);
          }
        }
      }

      private boolean visible(Set<JavaModifier> modifiers) {
        return modifiers.contains(JavaModifier.PUBLIC)
            || modifiers.contains(JavaModifier.PROTECTED);
      }

      private void report(JavaClass owner, String what, JavaClass used, ConditionEvents events) {
        if (INTERNAL.test(used)) {
          events.add(
              SimpleConditionEvent.violated(owner, what + " internal type " + used.getName()));
        }
      }
    };
  }
}
