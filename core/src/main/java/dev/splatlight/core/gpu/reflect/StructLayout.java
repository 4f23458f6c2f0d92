package dev.splatlight.core.gpu.reflect;

import java.util.Map;

/**
 * The byte layout of a uniform or push-constant block as the compiled shader declares it (std140 / std430 offsets),
 * so Java writes members by name and never repeats padding rules.
 *
 * @param members top-level member name → its offset and declared size, in declaration order
 */
public record StructLayout(String blockName, int size, Map<String, Member> members) {
    /** One member's place in the block. */
    public record Member(int offset, int size) {
    }

    public Member member(String name) {
        Member member = members.get(name);
        if (member == null) {
            throw new IllegalArgumentException("block " + blockName + " has no member '" + name + "' (it has: "
                    + members.keySet() + ")");
        }
        return member;
    }
}
