using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Primitives;

namespace Bpm.Server.Studio;

/// <summary>
/// The installed Studio package as served under <c>/studio/</c>, minus its own <c>index.html</c>: that page uses a tag
/// that does not exist (<c>elsa-studio-workflow-definition-editor</c>) and would render nothing; our host pages replace it.
/// </summary>
internal sealed class StudioPackageFiles(string folder) : IFileProvider
{
    private readonly PhysicalFileProvider _files = new(folder);

    public IFileInfo GetFileInfo(string subpath) =>
        IsPackageIndexPage(subpath) ? new NotFoundFileInfo(subpath) : _files.GetFileInfo(subpath);

    public IDirectoryContents GetDirectoryContents(string subpath) => _files.GetDirectoryContents(subpath);

    public IChangeToken Watch(string filter) => _files.Watch(filter);

    /// <summary>"/index.html", "index.html.br", "/index.html.gz"; not "/_content/x/index.html".</summary>
    private static bool IsPackageIndexPage(string subpath) =>
        subpath.TrimStart('/') is "index.html" or "index.html.br" or "index.html.gz";
}
