using CreateOs.Core.Packaging;
using Xunit;

namespace CreateOs.Core.Tests.Packaging;

public class AppInspectorTests
{
    [Fact]
    public void Dockerfile_expose_wins()
    {
        using var folder = new TempFolder().File("Dockerfile", "FROM node:20\nEXPOSE 8080/tcp\nCMD node x.js\n").File("package.json", "{}");
        var port = AppInspector.DetectPort(folder.Root)!;
        Assert.Equal(8080, port.Port);
        Assert.Contains("EXPOSE 8080", port.Evidence);
        Assert.Equal(AppKind.Docker, AppInspector.DetectKind(folder.Root));
    }

    [Fact]
    public void Dockerfile_without_expose_is_unknown()
    {
        using var folder = new TempFolder().File("Dockerfile", "FROM nginx\n");
        Assert.Null(AppInspector.DetectPort(folder.Root));
    }

    [Theory]
    [InlineData("node server.js --port 4000", 4000)]
    [InlineData("PORT=5050 node server.js", 5050)]
    [InlineData("vite preview --port=4173", 4173)]
    [InlineData("next start", 3000)]
    [InlineData("next start -p 8081", 8081)]
    public void Package_start_script(string start, int expected)
    {
        using var folder = new TempFolder().File("package.json", "{\"scripts\":{\"start\":\"" + start + "\"}}");
        Assert.Equal(expected, AppInspector.DetectPort(folder.Root)!.Port);
    }

    [Theory]
    [InlineData("app.listen(3001);", 3001)]
    [InlineData("const port = process.env.PORT || 8000;\napp.listen(port)", 8000)]
    [InlineData("server.listen(process.env.PORT ?? '7000')", 7000)]
    public void Listen_call_in_the_main_file(string source, int expected)
    {
        using var folder = new TempFolder().File("package.json", "{\"main\":\"./src/main.js\",\"scripts\":{\"start\":\"node src/main.js\"}}").File("src/main.js", source);
        var port = AppInspector.DetectPort(folder.Root)!;
        Assert.Equal(expected, port.Port);
        Assert.Contains("main.js", port.Evidence);
    }

    [Fact]
    public void Node_without_evidence_is_unknown()
    {
        using var folder = new TempFolder().File("package.json", "{\"scripts\":{\"start\":\"node index.js\"}}").File("index.js", "app.listen(port)");
        Assert.Null(AppInspector.DetectPort(folder.Root));
        Assert.Equal(AppKind.Node, AppInspector.DetectKind(folder.Root));
    }

    [Theory]
    [InlineData("Procfile", "web: uvicorn main:app --host 0.0.0.0 --port 8000", 8000)]
    [InlineData("Procfile", "web: gunicorn -b 0.0.0.0:5000 app:app", 5000)]
    [InlineData("app.py", "from flask import Flask\napp = Flask(__name__)\nif __name__ == '__main__':\n    app.run(host='0.0.0.0', port=5001)", 5001)]
    [InlineData("main.py", "import uvicorn\nuvicorn.run(app, host='0.0.0.0', port=8080)", 8080)]
    [InlineData("main.py", "port = int(os.environ.get('PORT', 9000))", 9000)]
    public void Python(string file, string content, int expected)
    {
        using var folder = new TempFolder().File("requirements.txt", "flask").File(file, content);
        Assert.Equal(expected, AppInspector.DetectPort(folder.Root)!.Port);
        Assert.Equal(AppKind.Python, AppInspector.DetectKind(folder.Root));
    }

    [Fact]
    public void Static_site_is_port_80()
    {
        using var folder = new TempFolder().File("index.html", "<h1>hi</h1>").File("style.css", "");
        Assert.Equal(80, AppInspector.DetectPort(folder.Root)!.Port);
        Assert.Equal(AppKind.Static, AppInspector.DetectKind(folder.Root));
    }

    [Fact]
    public void Unknown_folder_gives_null()
    {
        using var folder = new TempFolder().File("notes.txt");
        Assert.Null(AppInspector.DetectPort(folder.Root));
        Assert.Equal(AppKind.Unknown, AppInspector.DetectKind(folder.Root));
    }

    [Fact]
    public void Main_pointing_outside_is_not_read()
    {
        using var outer = new TempFolder().File("evil.js", "app.listen(1234)");
        using var folder = new TempFolder().File("package.json", "{\"main\":\"../" + Path.GetFileName(outer.Root) + "/evil.js\"}");
        Assert.Null(AppInspector.DetectPort(folder.Root));
    }
}
