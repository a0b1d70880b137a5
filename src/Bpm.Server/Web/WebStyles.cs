namespace Bpm.Server.Web;

/// <summary>The few styles of our own (header bar, sign-in form); class names start with "bpm-" so they never meet Studio's.</summary>
internal static class WebStyles
{
    public const string Css = """
        body { margin: 0; font-family: "Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", sans-serif; }
        .bpm-header { display: flex; align-items: center; gap: 1.5em; padding: 0.4em 1em; background: #1f3b63; color: #fff; font-size: 14px; }
        .bpm-header a { color: #cfe0ff; text-decoration: none; margin-right: 1em; }
        .bpm-header a.bpm-current { color: #fff; font-weight: bold; }
        .bpm-product { font-weight: bold; }
        .bpm-user { margin-left: auto; }
        .bpm-signout { margin: 0; }
        .bpm-signout button { cursor: pointer; }
        .bpm-login { max-width: 22em; margin: 5em auto; padding: 1.5em 2em; border: 1px solid #ccd; border-radius: 6px; }
        .bpm-login label { display: block; margin-top: 1em; }
        .bpm-login input[type=text], .bpm-login input[type=password] { width: 100%; box-sizing: border-box; padding: 0.4em; }
        .bpm-login button { margin-top: 1.5em; padding: 0.4em 1.5em; }
        .bpm-error { color: #b00020; }
        #blazor-error-ui { background: #ffe9a8; bottom: 0; box-shadow: 0 -1px 2px rgba(0,0,0,0.2); left: 0; padding: 0.6em 1.25em; position: fixed; width: 100%; z-index: 10000; box-sizing: border-box; }
        #blazor-error-ui .dismiss { cursor: pointer; position: absolute; right: 0.75em; top: 0.5em; }
        """;
}
