package dev.splatlight.viewer.render;

import dev.splatlight.core.gpu.Gpu;
import dev.splatlight.core.mesh.MeshPlacement;
import dev.splatlight.core.mesh.PlacedMesh;
import dev.splatlight.core.mesh.ResidentMesh;
import dev.splatlight.core.mesh.TriangleMesh;
import java.nio.file.Path;

/** A mesh standing beside the splats: the file it came from, its data on the GPU, and where it stands (editable). */
public final class SceneMesh implements AutoCloseable {
    private final Path source;
    private final ResidentMesh resident;
    private MeshPlacement placement;

    SceneMesh(Gpu gpu, Path source, TriangleMesh mesh, MeshPlacement placement) {
        this.source = source;
        this.resident = new ResidentMesh(gpu, mesh);
        this.placement = placement;
    }

    public Path source() {
        return source;
    }

    public TriangleMesh mesh() {
        return resident.mesh();
    }

    public MeshPlacement placement() {
        return placement;
    }

    public void place(MeshPlacement placement) {
        this.placement = placement;
    }

    PlacedMesh placed() {
        return new PlacedMesh(resident, placement.worldFromMesh());
    }

    @Override
    public void close() {
        resident.close();
    }
}
