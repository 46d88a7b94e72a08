package dev.jkvm.cli;

import dev.jkvm.config.AccelChoice;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.util.Locale;

final class AccelConverter implements ITypeConverter<AccelChoice> {
    @Override
    public AccelChoice convert(String value) {
        try {
            return AccelChoice.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException("'" + value + "' is not auto, kvm or tcg");
        }
    }
}
