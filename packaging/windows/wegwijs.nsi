; The Windows installer of Wegwijs (NSIS 3, Unicode).
;
;   makensis /DVERSION=0.1.0 /DDIST=..\..\dist\wegwijs /DOUT=..\..\dist\Wegwijs-0.1.0-setup.exe wegwijs.nsi
;
; DIST is the folder PyInstaller made (packaging\windows\wegwijs.spec). The installer:
; - installs for the current user only, without administrator rights, into
;   %LOCALAPPDATA%\Programs\Wegwijs (an update installs over it, the program closed);
; - makes a Start-menu entry "Wegwijs" (and, on request, a desktop shortcut);
; - registers an uninstaller under the user's own "Apps & features".
; The uninstaller removes the program's own files by name and nothing else: never the data
; folder (%LOCALAPPDATA%\Stem in de Stad\Wegwijs, where the database, its key file and the
; backups before updates live), and never a file it did not install.

Unicode true
!ifndef VERSION
  !error "give /DVERSION=x.y.z"
!endif
!ifndef DIST
  !define DIST "..\..\dist\wegwijs"
!endif
!ifndef OUT
  !define OUT "..\..\dist\Wegwijs-${VERSION}-setup.exe"
!endif

!define APP "Wegwijs"
!define PUBLISHER "Stem in de Stad"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\Wegwijs"

Name "${APP}"
OutFile "${OUT}"
RequestExecutionLevel user          ; no administrator rights, no UAC prompt
InstallDir "$LOCALAPPDATA\Programs\${APP}"
InstallDirRegKey HKCU "${UNINSTALL_KEY}" "InstallLocation"
SetCompressor /SOLID lzma
ManifestDPIAware true
!ifdef ICON
  Icon "${ICON}"
  UninstallIcon "${ICON}"
!endif

VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=1043 "ProductName" "${APP}"
VIAddVersionKey /LANG=1043 "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=1043 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=1043 "FileDescription" "Wegwijs installeren"
VIAddVersionKey /LANG=1043 "LegalCopyright" "EUPL-1.2"

!include "MUI2.nsh"
!include "LogicLib.nsh"

!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN "$INSTDIR\Wegwijs.exe"
!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "Dutch"
!insertmacro MUI_LANGUAGE "English"
!insertmacro MUI_LANGUAGE "Arabic"

LangString RUNNING ${LANG_DUTCH} "Wegwijs is nog open. Sluit Wegwijs (Ctrl+Q) en klik dan op Opnieuw."
LangString RUNNING ${LANG_ENGLISH} "Wegwijs is still open. Close Wegwijs (Ctrl+Q), then click Retry."
LangString RUNNING ${LANG_ARABIC} "لا يزال Wegwijs مفتوحًا. أغلق Wegwijs ‏(Ctrl+Q) ثم اضغط إعادة المحاولة."
LangString KEPT ${LANG_DUTCH} "Uw gegevens zijn bewaard in $LOCALAPPDATA\${PUBLISHER}\${APP}."
LangString KEPT ${LANG_ENGLISH} "Your data is kept in $LOCALAPPDATA\${PUBLISHER}\${APP}."
LangString KEPT ${LANG_ARABIC} "بياناتك محفوظة في $LOCALAPPDATA\${PUBLISHER}\${APP}."

; An update replaces files that must not be in use: wait until the program is closed.
!macro WAIT_UNTIL_CLOSED
  retry:
  ClearErrors
  ${If} ${FileExists} "$INSTDIR\Wegwijs.exe"
    FileOpen $0 "$INSTDIR\Wegwijs.exe" a
    ${If} ${Errors}
      MessageBox MB_RETRYCANCEL|MB_ICONEXCLAMATION "$(RUNNING)" IDRETRY retry
      Abort
    ${EndIf}
    FileClose $0
  ${EndIf}
!macroend

Section "Wegwijs" SecMain
  SectionIn RO
  SetShellVarContext current
  !insertmacro WAIT_UNTIL_CLOSED
  SetOutPath "$INSTDIR"
  ; an update first removes the previous version's program files (never the data folder,
  ; which is not under $INSTDIR), so no file of an older version stays behind
  RMDir /r "$INSTDIR\_internal"
  File /r "${DIST}\*.*"
  WriteUninstaller "$INSTDIR\Uninstall Wegwijs.exe"

  CreateShortcut "$SMPROGRAMS\${APP}.lnk" "$INSTDIR\Wegwijs.exe" "" "$INSTDIR\Wegwijs.exe" 0

  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "${APP}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\Wegwijs.exe"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\Uninstall Wegwijs.exe"'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
SectionEnd

Section /o "Snelkoppeling op het bureaublad" SecDesktop
  SetShellVarContext current
  CreateShortcut "$DESKTOP\${APP}.lnk" "$INSTDIR\Wegwijs.exe" "" "$INSTDIR\Wegwijs.exe" 0
SectionEnd

Section "Uninstall"
  SetShellVarContext current
  !insertmacro WAIT_UNTIL_CLOSED
  ; Only what the installer put there, by name. The data folder is elsewhere
  ; ($LOCALAPPDATA\Stem in de Stad\Wegwijs) and is never touched.
  Delete "$SMPROGRAMS\${APP}.lnk"
  Delete "$DESKTOP\${APP}.lnk"
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\Wegwijs.exe"
  Delete "$INSTDIR\wegwijs-cmd.exe"
  Delete "$INSTDIR\Uninstall Wegwijs.exe"
  RMDir "$INSTDIR"                  ; only if empty: anything else put there stays
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
  DetailPrint "$(KEPT)"
SectionEnd
