using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace Bpm.Server.Studio;

/// <summary>
/// Serves the Studio package under <c>/studio/</c> with a MIME type for each of its extensions
/// (<see cref="StudioContentTypes"/>). Most files have pre-compressed siblings in the package (<c>x.wasm.br</c>,
/// <c>x.wasm.gz</c>); when the browser accepts the encoding, that sibling is sent instead with
/// <c>Content-Encoding: br</c> (or gzip) and the original's MIME type: <c>dotnet.native.wasm</c> (~9 MB) goes out as
/// ~2.5 MB of Brotli. A request for the <c>.br</c> file itself is answered as plain bytes.
/// </summary>
internal static class StudioStaticFiles
{
    /// <summary>Preferred first: Brotli is smaller than gzip for these files.</summary>
    private static readonly (string Encoding, string Extension)[] Encodings = [("br", ".br"), ("gzip", ".gz")];

    private const string OriginalPathKey = "Bpm.Studio.OriginalPath";

    public static IApplicationBuilder UseStudioFiles(this IApplicationBuilder app, string folder, PathString prefix)
    {
        var files = new StudioPackageFiles(folder);
        var contentTypes = StudioContentTypes.Create();
        app.Use((context, next) =>
        {
            if (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
            {
                ServeCompressedSiblingIfAccepted(context, files, prefix);
            }

            return next(context);
        });
        return app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            RequestPath = prefix,
            ContentTypeProvider = contentTypes,
            OnPrepareResponse = response => DescribeEncoding(response, contentTypes),
        });
    }

    /// <summary>Rewrites <c>/studio/_framework/dotnet.native.wasm</c> to <c>….wasm.br</c> when the browser accepts br and the sibling exists.</summary>
    private static void ServeCompressedSiblingIfAccepted(HttpContext context, IFileProvider files, PathString prefix)
    {
        if (!context.Request.Path.StartsWithSegments(prefix, out var rest) || !rest.HasValue
            || Encodings.Any(e => rest.Value!.EndsWith(e.Extension, StringComparison.OrdinalIgnoreCase)))
        {
            return;
        }

        var accepted = context.Request.GetTypedHeaders().AcceptEncoding;
        foreach (var (encoding, extension) in Encodings)
        {
            var acceptsIt = accepted.Any(a => StringComparer.OrdinalIgnoreCase.Equals(a.Value.Value, encoding) && (a.Quality ?? 1) > 0);
            if (acceptsIt && files.GetFileInfo(rest.Value + extension) is { Exists: true, IsDirectory: false })
            {
                context.Items[OriginalPathKey] = context.Request.Path.Value;
                context.Request.Path = new PathString(context.Request.Path.Value + extension);
                return;
            }
        }
    }

    /// <summary>A compressed sibling keeps the original's MIME type and says how it is encoded; caches keep one copy per encoding.</summary>
    private static void DescribeEncoding(StaticFileResponseContext response, FileExtensionContentTypeProvider contentTypes)
    {
        var headers = response.Context.Response.Headers;
        if (response.Context.Items[OriginalPathKey] is not string originalPath)
        {
            return;
        }

        headers.Append(HeaderNames.Vary, HeaderNames.AcceptEncoding);
        headers.ContentEncoding = Encodings.First(e => response.File.Name.EndsWith(e.Extension, StringComparison.OrdinalIgnoreCase)).Encoding;
        headers.ContentType = contentTypes.TryGetContentType(originalPath, out var contentType) ? contentType : "application/octet-stream";
    }
}
