using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.Loader;

namespace Bpm.Persistence.Sqlite;

/// <summary>
/// Microsoft.Data.Sqlite 10 asks for SQLitePCLRaw 2.1.x, but the registry here has only 2.0.6 (see
/// src/build/Sqlite.Workaround.props). The test host binds loosely and never notices; a real process
/// fails at start with FileNotFoundException "SQLitePCLRaw.core, Version=2.1.13". This resolver answers
/// such a request with the 2.0.6 file that sits beside the app (or beside this assembly).
/// </summary>
internal static class SqlitePclRawResolver
{
#pragma warning disable CA2255 // A library module initializer is the point here: it must run before Microsoft.Data.Sqlite loads.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Install()
    {
        AssemblyLoadContext.Default.Resolving += ResolveFromAppFolder;

        // A tool such as dotnet ef may load us into a context of its own; answer there too.
        var own = AssemblyLoadContext.GetLoadContext(typeof(SqlitePclRawResolver).Assembly);
        if (own is not null && own != AssemblyLoadContext.Default)
        {
            own.Resolving += ResolveFromAppFolder;
        }
    }

    private static Assembly? ResolveFromAppFolder(AssemblyLoadContext context, AssemblyName name)
    {
        if (name.Name is null || !name.Name.StartsWith("SQLitePCLRaw.", StringComparison.Ordinal))
        {
            return null;
        }

        // The app's folder, or ours when a tool (dotnet ef) hosts us from its own folder.
        var folders = new[] { AppContext.BaseDirectory, Path.GetDirectoryName(typeof(SqlitePclRawResolver).Assembly.Location) ?? "" };
        var path = folders.Select(folder => Path.Combine(folder, name.Name + ".dll")).FirstOrDefault(File.Exists);
        return path is null ? null : context.LoadFromAssemblyPath(path);
    }
}
