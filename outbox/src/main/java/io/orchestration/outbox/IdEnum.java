package io.orchestration.outbox;

import jakarta.persistence.AttributeConverter;

/**
 * An enum known by a lower-case id in the API, the catalogue and the database ({@code blue-green},
 * {@code rolled_back}) rather than by its Java name.
 */
public interface IdEnum {

    String id();

    /** The constant of {@code type} with this id, or null when there is none (callers report it). */
    static <E extends Enum<E> & IdEnum> E fromId(Class<E> type, String id) {
        for (E constant : type.getEnumConstants()) {
            if (constant.id().equals(id)) {
                return constant;
            }
        }
        return null;
    }

    /** Stores the id; each enum declares {@code class Column extends IdEnum.Column<X>} for {@code @Convert}. */
    abstract class Column<E extends Enum<E> & IdEnum> implements AttributeConverter<E, String> {

        private final Class<E> type;

        protected Column(Class<E> type) {
            this.type = type;
        }

        @Override
        public String convertToDatabaseColumn(E value) {
            return value == null ? null : value.id();
        }

        @Override
        public E convertToEntityAttribute(String id) {
            return id == null ? null : fromId(type, id);
        }
    }
}
