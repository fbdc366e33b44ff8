package io.orchestration.environment.domain;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Every region of an environment is permitted by its region policy; a fault is reported on {@code regions}. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = RegionsPermitted.Check.class)
public @interface RegionsPermitted {

    String message() default "region is not permitted by regionPolicy";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Check implements ConstraintValidator<RegionsPermitted, EnvironmentSpec> {

        @Override
        public boolean isValid(EnvironmentSpec spec, ConstraintValidatorContext context) {
            if (spec == null || spec.regions() == null || spec.regionPolicy() == null) {
                return true;
            }
            RegionPolicy policy = spec.regionPolicy();
            boolean valid = true;
            context.disableDefaultConstraintViolation();
            for (String region : spec.regions()) {
                if (region == null || policy.permits(region)) {
                    continue;
                }
                valid = false;
                String why = policy.denied().contains(region) ? "is denied by regionPolicy" : "is not in regionPolicy.allowed";
                // The region is caller input inside a message template: keep only characters that mean nothing there.
                String shown = region.replaceAll("[^A-Za-z0-9_.-]", "?");
                context.buildConstraintViolationWithTemplate("region '" + shown + "' " + why)
                        .addPropertyNode("regions")
                        .addConstraintViolation();
            }
            return valid;
        }
    }
}
