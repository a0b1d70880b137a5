using Microsoft.AspNetCore.StaticFiles;

namespace Bpm.Server.Studio;

/// <summary>
/// MIME types for every file extension in the Studio package. ASP.NET Core serves no file whose extension it does
/// not know, so the ones its table lacks are added: <c>icudt_CJK.dat</c> → application/octet-stream (without it
/// the WebAssembly runtime cannot start), <c>.br</c>/<c>.gz</c> pre-compressed copies, source maps, a SASS source and
/// cursors. Known ones stay as ASP.NET Core has them (<c>.wasm</c> → application/wasm, <c>.js</c> → text/javascript).
/// </summary>
public static class StudioContentTypes
{
    public static FileExtensionContentTypeProvider Create()
    {
        var provider = new FileExtensionContentTypeProvider();
        provider.Mappings[".dat"] = "application/octet-stream";
        provider.Mappings[".br"] = "application/octet-stream";
        provider.Mappings[".gz"] = "application/gzip";
        provider.Mappings[".map"] = "application/json";
        provider.Mappings[".scss"] = "text/x-scss";
        provider.Mappings[".cur"] = "image/x-icon";
        provider.Mappings[".webmanifest"] = "application/manifest+json";
        provider.Mappings[".wasm"] = "application/wasm";
        provider.Mappings[".woff2"] = "font/woff2";
        provider.Mappings[".js"] = "text/javascript";
        provider.Mappings[".json"] = "application/json";
        return provider;
    }
}
