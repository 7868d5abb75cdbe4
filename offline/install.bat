@echo off
rem zicha offline installer for Windows: runs install.ps1 next to this file.
rem Kept ASCII-only: cmd.exe reads .bat files in the OEM code page.
powershell.exe -NoProfile -ExecutionPolicy Bypass -File "%~dp0install.ps1" %*
if errorlevel 1 pause
