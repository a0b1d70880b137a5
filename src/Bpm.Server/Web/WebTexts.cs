namespace Bpm.Server.Web;

/// <summary>
/// Every text the web pages show, in one place: Chinese first, English second ("工作流定义 Workflow definitions").
/// </summary>
public static class WebTexts
{
    public const string ProductName = "纳税人诉求快速响应 Bpm";

    public const string SignInTitle = "登录 Sign in";
    public const string UserName = "用户名 User name";
    public const string Password = "密码 Password";
    public const string SignInButton = "登录 Sign in";
    public const string SignOutButton = "退出 Sign out";
    public const string SignedInAs = "当前用户 Signed in as";
    public const string SignInRequired = "用户名和密码不能为空 (user name and password are required)";
    public const string SignInFailed = Auth.PasswordCheck.SignInFailed;

    public const string WorkflowDefinitions = "工作流定义 Workflow definitions";
    public const string WorkflowDefinition = "工作流设计 Workflow editor";
    public const string WorkflowInstances = "工作流实例 Workflow instances";
    public const string WorkflowInstance = "工作流实例详情 Workflow instance";

    public const string UnhandledError = "发生了未处理的错误 An unhandled error has occurred.";
    public const string Reload = "重新加载 Reload";

    public const string DatabaseUnavailableTitle = "数据库暂不可用，请稍后重试 The database is unavailable, please try again shortly";
    public const string DatabaseUnavailableDetail =
        "数据库暂时无法连接，您的操作未被保存。请稍候片刻后刷新本页。 The database cannot be reached right now; nothing was saved. Reload this page in a moment.";

    public const string StudioMissing =
        "流程设计器未安装 Elsa Studio is not installed: build the server once (dotnet build runs npm ci) or set Studio:Folder.";
}
