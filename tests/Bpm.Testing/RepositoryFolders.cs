namespace Bpm.Testing;

/// <summary>Folders of the checkout the tests run from, found upwards from the test output (the folder holding Bpm.sln).</summary>
public static class RepositoryFolders
{
    public static string Root
    {
        get
        {
            for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            {
                if (File.Exists(Path.Combine(folder.FullName, "Bpm.sln")))
                {
                    return folder.FullName;
                }
            }

            throw new DirectoryNotFoundException("Bpm.sln not found above " + AppContext.BaseDirectory);
        }
    }

    /// <summary>The six request workflows' files, e.g. workflows/policy.json.</summary>
    public static string Workflows => Path.Combine(Root, "workflows");
}
