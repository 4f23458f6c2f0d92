package dev.splatlight.viewer.ui;

import imgui.ImGui;

/** The panel's "meshes" section: each mesh's translation, rotation and scale, Remove, Add mesh…, Save scene…. */
final class MeshPanel {
    private MeshPanel() {
    }

    static void draw(ControlPanel.State state) {
        if (!ImGui.collapsingHeader("meshes and scene")) {
            return;
        }
        for (int i = 0; i < state.meshes.size(); i++) {
            MeshRow row = state.meshes.get(i);
            ImGui.pushID(i);
            ImGui.text(row.name);
            row.edited |= ImGui.dragFloat3("position", row.translation, 0.01f);
            row.edited |= ImGui.dragFloat3("rotation (deg)", row.rotationDegrees, 0.5f);
            row.edited |= ImGui.dragFloat("scale", row.scale, 0.005f, 1e-3f, 1000f);
            if (ImGui.button("Remove")) {
                row.removeRequested = true;
            }
            ImGui.separator();
            ImGui.popID();
        }
        if (ImGui.button("Add mesh...")) {
            state.addMeshRequested = true;
        }
        ImGui.sameLine();
        if (ImGui.button("Save scene...")) {
            state.saveSceneRequested = true;
        }
    }
}
